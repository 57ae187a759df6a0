package datastore.api.system;

import datastore.api.RequestSchema;
import datastore.api.Route;
import datastore.api.RouteTable;
import datastore.core.json.JsonMappers;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the OpenAPI 3.1 document from the route table, so the document lists exactly what is served:
 * every route, its path parameters, the query parameters and body schema its owner attached (a route
 * without a {@link RequestSchema} is described generically), the surface's error body, and the bearer
 * token scheme that every surface accepts.
 */
public final class OpenApiDocument {
    /** The security scheme's name: {@code Authorization: Bearer <token>}, which every surface reads. */
    public static final String BEARER = "bearerAuth";

    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");

    private static final Map<String, String> SURFACES = Map.of(
            "system", "The service itself: status, health, metrics, this document and its explorer.",
            "ckan", "CKAN 2.11's DataStore API: /api/3/action/datastore_* and /datastore/dump/{id}.",
            "datasette", "A Datasette 1.0 (1.0a36+ shapes) compatible JSON API over the same tables.");

    private OpenApiDocument() {}

    public static ObjectNode of(RouteTable table, String serverUrl, String version) {
        ObjectNode doc = JsonMappers.standard().createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Datastore");
        info.put("version", version);
        info.put(
                "description",
                "Every route this server has registered, generated from its route table. Try them at /docs:"
                        + " paste an API token with Authorize.");
        doc.putArray("servers").addObject().put("url", serverUrl);
        // A token is sent when given; each call's own access check decides whether it was needed.
        ArrayNode security = doc.putArray("security");
        security.addObject().putArray(BEARER);
        security.addObject();
        Set<String> surfaces = new LinkedHashSet<>();
        Set<String> operationIds = new HashSet<>();
        ObjectNode paths = doc.putObject("paths");
        for (Route r : table.routes()) {
            surfaces.add(r.surface());
            String path = openApiPath(r.path());
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            ObjectNode op = item.putObject(r.method().name().toLowerCase(Locale.ROOT));
            op.put(
                    "operationId",
                    unique(operationIds, r.method().name().toLowerCase(Locale.ROOT) + "_" + r.operation()));
            op.put("summary", r.summary());
            op.putArray("tags").add(r.surface());
            parameters(op, path, r.schema());
            if (r.access() == Route.Access.CREDENTIAL) {
                op.putArray("security").addObject().putArray(BEARER);
            }
            if (r.body().any()) {
                requestBody(op, r);
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("description", "Success.");
            ObjectNode error = responses.putObject("default");
            error.put("description", "An error, in this surface's error body.");
            error.putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", "#/components/schemas/" + errorSchema(r.surface()));
        }
        ArrayNode tags = doc.putArray("tags");
        for (String s : surfaces) {
            ObjectNode tag = tags.addObject().put("name", s);
            String description = SURFACES.get(s);
            if (description != null) {
                tag.put("description", description);
            }
        }
        ObjectNode components = doc.putObject("components");
        components
                .putObject("securitySchemes")
                .putObject(BEARER)
                .put("type", "http")
                .put("scheme", "bearer")
                .put(
                        "description",
                        "An API token (the admin token, one from datastore_token_create, or a Datasette dstok_ token),"
                                + " sent as Authorization: Bearer <token>.");
        errorSchemas(components.putObject("schemas"));
        return doc;
    }

    /** Javalin's path as an OpenAPI path template: {@code <id>} and {@code {id}} both become {@code {id}}. */
    static String openApiPath(String javalinPath) {
        return javalinPath.replace("<", "{").replace(">", "}");
    }

    private static String unique(Set<String> seen, String id) {
        String candidate = id;
        for (int n = 2; !seen.add(candidate); n++) {
            candidate = id + "_" + n;
        }
        return candidate;
    }

    private static void parameters(ObjectNode op, String path, @Nullable RequestSchema schema) {
        Matcher m = PARAM.matcher(path);
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        for (String name : names) {
            ObjectNode p = op.withArray("parameters").addObject();
            p.put("name", name);
            p.put("in", "path");
            p.put("required", true);
            p.putObject("schema").put("type", "string");
        }
        if (schema == null) {
            return;
        }
        for (RequestSchema.Param q : schema.query()) {
            ObjectNode p = op.withArray("parameters").addObject();
            p.put("name", q.name());
            p.put("in", "query");
            p.put("required", q.required());
            if (!q.description().isEmpty()) {
                p.put("description", q.description());
            }
            ObjectNode s = p.putObject("schema").put("type", "string");
            if (!q.values().isEmpty()) {
                ArrayNode values = s.putArray("enum");
                q.values().forEach(values::add);
            }
        }
    }

    private static void requestBody(ObjectNode op, Route r) {
        ObjectNode body = op.putObject("requestBody");
        RequestSchema schema = r.schema();
        JsonNode given = schema == null ? null : schema.body();
        ObjectNode s =
                body.putObject("content").putObject(r.body().contentType()).putObject("schema");
        if (given != null) {
            s.setAll((ObjectNode) given.deepCopy());
        } else {
            s.put("type", "object");
        }
        body.put("x-max-bytes", r.body().maxBytes());
    }

    private static String errorSchema(String surface) {
        return switch (surface) {
            case "datasette" -> "DatasetteError";
            case "ckan", "system" -> "CkanError";
            default -> "Error";
        };
    }

    private static void errorSchemas(ObjectNode schemas) {
        ObjectNode ckan = schemas.putObject("CkanError");
        ckan.put(
                "description",
                "CKAN's envelope (validation errors map each field to its messages), or a bare string for an"
                        + " unknown action.");
        ckan.putArray("type").add("object").add("string");
        ObjectNode cp = ckan.putObject("properties");
        cp.putObject("help").put("type", "string");
        cp.putObject("success").put("const", false);
        cp.putObject("error").putArray("type").add("object").add("string");
        ObjectNode ds = schemas.putObject("DatasetteError");
        ds.put("description", "Datasette 1.0a36+'s error body.");
        ds.put("type", "object");
        ds.putArray("required").add("ok").add("error").add("errors").add("status");
        ObjectNode dp = ds.putObject("properties");
        dp.putObject("ok").put("const", false);
        dp.putObject("error").put("type", "string");
        dp.putObject("errors").put("type", "array").putObject("items").put("type", "string");
        dp.putObject("status").put("type", "integer");
        schemas.putObject("Error").put("type", "object");
    }
}
