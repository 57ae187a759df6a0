package datastore.api.datasette;

import datastore.api.ErrorWriter;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes every error of the Datasette surface as Datasette 1.0a36+ does:
 * {@code {"ok": false, "error": "<messages joined by '; '>", "errors": [...], "status": N}}.
 */
public final class DatasetteErrorWriter implements ErrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetteErrorWriter.class);

    @Override
    public void write(Context ctx, Exception e, String operation) {
        ApiException api = e instanceof ApiException a ? a : unexpected(e);
        List<String> messages = messages(api);
        ctx.attribute(ERROR_ATTRIBUTE, String.join("; ", messages));
        int status = status(api.code());
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        ctx.status(status);
        ctx.contentType("application/json;charset=utf-8");
        ctx.result(JsonMappers.standard().writeValueAsString(body(status, messages)));
    }

    /** Datasette's error body for {@code status} and {@code messages}. */
    public static ObjectNode body(int status, List<String> messages) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("ok", false);
        o.put("error", String.join("; ", messages));
        ArrayNode errors = o.putArray("errors");
        messages.forEach(errors::add);
        o.put("status", status);
        return o;
    }

    /** Datasette answers bad input with 400 where CKAN says 409. */
    static int status(ErrorCode code) {
        return switch (code) {
            case VALIDATION, BAD_REQUEST, INTEGRITY -> 400;
            case INVALID_TOKEN -> 401;
            default -> code.httpStatus();
        };
    }

    /**
     * One message per problem. Errors raised by this surface carry Datasette's own words under the key
     * {@code errors}; errors from the shared services name their field ({@code records: …}).
     */
    static List<String> messages(ApiException api) {
        List<String> out = new ArrayList<>();
        List<String> query = api.fieldErrors().getOrDefault("query", List.of());
        if (query.equals(List.of("Search took too long")) || query.equals(List.of("Query took too long"))) {
            // Datasette's words for an interrupted query, naming the setting that sets the limit here.
            out.add("SQL query took too long. The time limit is controlled by the "
                    + (query.getFirst().startsWith("Search") ? "SEARCH_TIMEOUT_SECONDS" : "SQL_TIMEOUT_SECONDS")
                    + " setting.");
            return out;
        }
        if (api.code() == ErrorCode.INVALID_TOKEN) {
            // Datasette's short words (e.g. "Token has expired"), not the CKAN message.
            out.addAll(api.fieldErrors().getOrDefault(ApiException.TOKEN_FIELD, List.of()));
            if (!out.isEmpty()) {
                return out;
            }
        }
        for (Map.Entry<String, List<String>> e : api.fieldErrors().entrySet()) {
            for (String m : e.getValue()) {
                out.add(e.getKey().equals(DatasetteRequests.ERRORS) ? m : e.getKey() + ": " + m);
            }
        }
        Object info = api.extras().get("info");
        if (info instanceof Map<?, ?> map && map.get("orig") instanceof List<?> orig) {
            orig.forEach(o -> out.add(String.valueOf(o)));
        }
        if (out.isEmpty()) {
            String m = api.getMessage() == null ? "" : api.getMessage();
            out.add(m.replaceFirst("^(Not found|Access denied): ", ""));
        }
        return out;
    }

    private static ApiException unexpected(Exception e) {
        LOG.atError().setCause(e).log("unexpected error");
        return ApiException.of(ErrorCode.INTERNAL, "Internal Server Error", e);
    }
}
