package datastore.api.catalog;

import datastore.api.ErrorWriter;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog surface's one error envelope: {@code {"error": {"code", "message", "fields": {"field":
 * ["message"]}}}}, with 400 for bad input (the fields at fault named), 403, 404, 405, 409 for a slug
 * clash, 410 for a deleted record, 413 for a body over the limit.
 */
final class CatalogErrorWriter implements ErrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogErrorWriter.class);

    @Override
    public void write(Context ctx, Exception e, String operation) {
        ApiException api = e instanceof ApiException a ? a : unexpected(e);
        int status = status(api.code());
        String message = api.getMessage() == null ? "" : api.getMessage();
        ctx.attribute(ERROR_ATTRIBUTE, message);
        ObjectNode body = JsonMappers.standard().createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code(api.code()));
        error.put("message", message);
        ObjectNode fields = error.putObject("fields");
        for (Map.Entry<String, List<String>> f : api.fieldErrors().entrySet()) {
            if (!f.getKey().equals(ApiException.TOKEN_FIELD) || api.code() != ErrorCode.INVALID_TOKEN) {
                f.getValue().forEach(fields.putArray(f.getKey())::add);
            }
        }
        Object extra = api.extras().get("errors");
        if (extra instanceof tools.jackson.databind.JsonNode node) {
            error.set("errors", node);
        }
        ctx.status(status);
        ctx.contentType("application/json;charset=utf-8");
        ctx.result(JsonMappers.standard().writeValueAsString(body));
    }

    @Override
    public boolean answersMethodErrors() {
        return true;
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case VALIDATION, BAD_REQUEST, INTEGRITY -> 400;
            case INVALID_TOKEN -> 401;
            default -> code.httpStatus();
        };
    }

    private static String code(ErrorCode code) {
        return switch (code) {
            case VALIDATION, INTEGRITY -> "invalid";
            case BAD_REQUEST -> "bad_request";
            case NOT_FOUND -> "not_found";
            case NOT_AUTHORIZED -> "forbidden";
            case INVALID_TOKEN -> "invalid_token";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case GONE -> "gone";
            case PAYLOAD_TOO_LARGE -> "payload_too_large";
            case UNAVAILABLE -> "unavailable";
            case INTERNAL -> "internal";
        };
    }

    private static ApiException unexpected(Exception e) {
        LOG.atError().setCause(e).log("unexpected error");
        return ApiException.of(ErrorCode.INTERNAL, "Internal Server Error", e);
    }
}
