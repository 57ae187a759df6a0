package datastore.api.ckan;

import datastore.api.middleware.BodyLimit;
import datastore.api.middleware.StrictUtf8;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads an action's parameters as CKAN does: a JSON object body, a form, or (GET) the query string.
 * Bodies must be strict UTF-8 (no overlong forms, no encoded or escaped lone surrogates), in a charset
 * that is UTF-8 or ASCII; anything unreadable is CKAN's 400 "Bad request - JSON Error".
 */
final class ActionParams {
    private static final String JSON_ERROR = "Bad request - JSON Error: ";
    private final BodyLimit limit;

    ActionParams(BodyLimit limit) {
        this.limit = limit;
    }

    ObjectNode read(Context ctx) {
        if (ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD")) {
            ObjectNode p = fromMap(ctx.queryParamMap());
            p.remove("callback");
            return p;
        }
        // The raw header: the servlet API's parsed content type throws on a charset it does not know.
        String type = String.valueOf(ctx.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (!charsetReadable(type)) {
            ctx.header("Connection", "close");
            throw ApiException.badRequest(JSON_ERROR + "Unsupported charset: send UTF-8 (charset=utf-8)");
        }
        limit.checkDeclared(ctx);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            Map<String, List<String>> form;
            try {
                form = ctx.formParamMap();
            } catch (Exception e) {
                // Javalin rethrows the servlet API's checked exceptions unchecked, so catch them all. The
                // body is left half read, so the connection cannot carry another request.
                ctx.header("Connection", "close");
                throw ApiException.badRequest(JSON_ERROR + "Could not read the form data");
            }
            return checked(form(form));
        }
        byte[] body;
        try {
            body = limit.readAll(ctx);
        } catch (IOException e) {
            throw ApiException.badRequest("Bad request - could not read the request body");
        }
        StrictUtf8.check(body).ifPresent(problem -> {
            throw ApiException.badRequest(JSON_ERROR + "Error decoding JSON data. " + problem);
        });
        if (body.length == 0) {
            return JsonMappers.standard().createObjectNode();
        }
        JsonNode node;
        try {
            node = JsonMappers.standard().readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(JSON_ERROR + "Error decoding JSON data. "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (node == null || node.isMissingNode()) {
            return JsonMappers.standard().createObjectNode();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(JSON_ERROR + "Request data JSON decoded to "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT) + " but it needs to be a dictionary.");
        }
        return checked((ObjectNode) node);
    }

    /** Only UTF-8 (and its ASCII subset) is read; anything else would be decoded as something it is not. */
    private static boolean charsetReadable(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.startsWith("charset=")) {
                String charset =
                        p.substring("charset=".length()).replace("\"", "").strip();
                if (!List.of("utf-8", "utf8", "us-ascii", "ascii").contains(charset)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A JSON escape can still spell a lone surrogate ({@code "\ud800"}), which no engine can store. */
    private static ObjectNode checked(ObjectNode params) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(params);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isString()) {
                StrictUtf8.loneSurrogate(n.asString()).ifPresent(problem -> {
                    throw ApiException.badRequest(JSON_ERROR + "Error decoding JSON data. " + problem);
                });
            } else if (n.isObject()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    StrictUtf8.loneSurrogate(e.getKey()).ifPresent(problem -> {
                        throw ApiException.badRequest(JSON_ERROR + "Error decoding JSON data. " + problem);
                    });
                    todo.push(e.getValue());
                }
            } else if (n.isArray()) {
                n.forEach(todo::push);
            }
        }
        return params;
    }

    /** The query string (or a form) as one object, repeated keys as lists: how every GET is read. */
    static ObjectNode fromMap(Map<String, List<String>> map) {
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

    /**
     * CKAN's legacy form handling: a single key with an empty or "1" value is itself the JSON body. A
     * key that looks like JSON but does not parse is a JSON error, not a form with a strange field.
     */
    private static ObjectNode form(Map<String, List<String>> map) {
        if (map.size() == 1) {
            Map.Entry<String, List<String>> only = map.entrySet().iterator().next();
            List<String> v = only.getValue();
            String key = only.getKey().strip();
            if (v.size() == 1 && (v.get(0).isEmpty() || v.get(0).equals("1"))) {
                try {
                    JsonNode node = JsonMappers.standard().readTree(key);
                    if (node.isObject()) {
                        return (ObjectNode) node;
                    }
                } catch (JacksonException e) {
                    if (key.startsWith("{") || key.startsWith("[")) {
                        throw ApiException.badRequest(JSON_ERROR + "Error decoding JSON data. "
                                + e.getOriginalMessage().lines().findFirst().orElse(""));
                    }
                }
            }
        }
        return fromMap(map);
    }
}
