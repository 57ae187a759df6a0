package datastore.api;

import datastore.api.middleware.BodyLimit;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads an action's parameters as CKAN does: a JSON object body, a form, or (GET) the query string. */
final class ActionParams {
    private final BodyLimit limit;

    ActionParams(BodyLimit limit) {
        this.limit = limit;
    }

    ObjectNode read(Context ctx) {
        if (ctx.method().name().equals("GET")) {
            return fromMap(ctx.queryParamMap());
        }
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            limit.checkDeclared(ctx.contentLength());
            return form(ctx.formParamMap());
        }
        limit.checkDeclared(ctx.contentLength());
        try (InputStream in = limit.wrap(ctx.req().getInputStream())) {
            JsonNode node = JsonMappers.standard().readTree(in);
            if (node == null || node.isMissingNode()) {
                return JsonMappers.standard().createObjectNode();
            }
            if (!node.isObject()) {
                throw ApiException.badRequest("Bad request - JSON Error: Request data JSON decoded to "
                        + node.getNodeType().name().toLowerCase(Locale.ROOT) + " but it needs to be a dictionary.");
            }
            return (ObjectNode) node;
        } catch (JacksonException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("Bad request - JSON Error: Error decoding JSON data. "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw ApiException.badRequest("Bad request - could not read the request body");
        }
    }

    private static ObjectNode fromMap(Map<String, List<String>> map) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        map.forEach((k, values) -> {
            if (values.size() == 1) {
                o.put(k, values.get(0));
            } else {
                ArrayNode arr = o.putArray(k);
                values.forEach(arr::add);
            }
        });
        return o;
    }

    /** CKAN's legacy form handling: a single key with an empty or "1" value is itself the JSON body. */
    private static ObjectNode form(Map<String, List<String>> map) {
        if (map.size() == 1) {
            Map.Entry<String, List<String>> only = map.entrySet().iterator().next();
            List<String> v = only.getValue();
            if (v.size() == 1 && (v.get(0).isEmpty() || v.get(0).equals("1"))) {
                try {
                    JsonNode node = JsonMappers.standard().readTree(only.getKey());
                    if (node.isObject()) {
                        return (ObjectNode) node;
                    }
                } catch (JacksonException e) {
                    // not JSON: an ordinary form field
                }
            }
        }
        return fromMap(map);
    }
}
