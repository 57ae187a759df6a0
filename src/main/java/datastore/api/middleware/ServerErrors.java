package datastore.api.middleware;

import datastore.core.json.JsonMappers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Refusals by the HTTP server itself, before any route runs (headers too large, a NUL or bad escape in
 * the URL, an unreadable request line), answered as CKAN error envelopes instead of Jetty's HTML page.
 */
public final class ServerErrors extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        return ByteBuffer.wrap(envelope(status, reason));
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(true, ByteBuffer.wrap(envelope(code, message)), callback);
    }

    /** A CKAN error envelope for an HTTP status, as bytes. */
    public static byte[] envelope(int status, String reason) {
        String text = HttpStatus.getMessage(status);
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("help", "/api/3/action/help_show?name=status_show");
        o.put("success", false);
        ObjectNode error = o.putObject("error");
        String detail = reason == null || reason.isBlank() || reason.equals(text) ? "" : ": " + reason;
        error.put("message", text + detail);
        error.put("__type", text);
        return JsonMappers.standard().writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
    }
}
