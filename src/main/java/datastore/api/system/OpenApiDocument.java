package datastore.api.system;

import datastore.api.Route;
import datastore.api.RouteTable;
import datastore.core.json.JsonMappers;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** Builds the OpenAPI 3.1 document from the route table, so the document lists exactly what is served. */
public final class OpenApiDocument {
    private OpenApiDocument() {}

    public static ObjectNode of(RouteTable table, String serverUrl, String version) {
        ObjectNode doc = JsonMappers.standard().createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Datastore");
        info.put("version", version);
        doc.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode paths = doc.putObject("paths");
        for (Route r : table.routes()) {
            String path = r.path().replace("<", "{").replace(">", "}");
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            ObjectNode op = item.putObject(r.method().name().toLowerCase(Locale.ROOT));
            op.put("operationId", r.method().name().toLowerCase(Locale.ROOT) + "_" + r.operation());
            op.put("summary", r.summary());
            op.putArray("tags").add(r.surface());
            for (String segment : path.split("/")) {
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    ObjectNode p = op.withArray("parameters").addObject();
                    p.put("name", segment.substring(1, segment.length() - 1));
                    p.put("in", "path");
                    p.put("required", true);
                    p.putObject("schema").put("type", "string");
                }
            }
            if (r.access() == Route.Access.CREDENTIAL) {
                op.putArray("security").addObject().putArray("apiToken");
            }
            if (r.body().any()) {
                ObjectNode body = op.putObject("requestBody");
                body.putObject("content")
                        .putObject(r.body().contentType())
                        .putObject("schema")
                        .put("type", "object");
                body.put("x-max-bytes", r.body().maxBytes());
            }
            op.putObject("responses").putObject("200").put("description", "success");
        }
        doc.putObject("components")
                .putObject("securitySchemes")
                .putObject("apiToken")
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", "Authorization");
        return doc;
    }
}
