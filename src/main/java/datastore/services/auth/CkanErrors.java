package datastore.services.auth;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.ckan.CkanReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** CKAN's error envelopes as our own errors, so CKAN's error types pass through unchanged. */
public final class CkanErrors {
    private CkanErrors() {}

    /** The error CKAN reported for {@code action}: validation 409, not found 404, denied 403, else 503. */
    public static ApiException of(CkanReply reply, String action) {
        return switch (reply.errorType()) {
            case "Validation Error" -> validation(reply);
            case "Not Found Error" -> ApiException.notFound(strip(reply.errorMessage(), "Not found: "));
            case "Authorization Error" -> ApiException.notAuthorized(strip(reply.errorMessage(), "Access denied: "));
            default ->
                ApiException.of(
                        ErrorCode.UNAVAILABLE,
                        "CKAN's " + action + " failed (HTTP " + reply.status() + " " + reply.errorType() + "): "
                                + reply.errorMessage());
        };
    }

    /** A CKAN validation error, field → messages, as our own 409. */
    public static ApiException validation(CkanReply reply) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        JsonNode error = reply.error().orElseThrow();
        for (String name : error.propertyNames()) {
            if (name.equals("__type")) {
                continue;
            }
            JsonNode v = error.get(name);
            List<String> messages = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(m -> messages.add(m.isString() ? m.asString() : m.toString()));
            } else {
                messages.add(v.isString() ? v.asString() : v.toString());
            }
            fields.put(name, messages);
        }
        return ApiException.validation(fields);
    }

    static String strip(String message, String prefix) {
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
