package datastore.api.ckan;

import datastore.core.json.JsonMappers;
import datastore.schemas.ckan.SearchRequest;
import datastore.schemas.validation.Params;
import datastore.services.read.SearchResult;
import datastore.services.read.SqlResult;
import datastore.services.stream.JsonDumpWriter;
import datastore.services.stream.RecordsJsonWriter;
import datastore.services.stream.RecordsWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Streams the {@code datastore_search} and {@code datastore_search_sql} envelopes, records row by row. */
final class SearchWriter {
    private static final List<String> ECHOED =
            List.of("offset", "filters", "q", "sort", "distinct", "plain", "language", "full_text");

    private SearchWriter() {}

    static void search(JsonGenerator g, String help, SearchRequest req, SearchResult r, String path) {
        ObjectMapper mapper = JsonMappers.standard();
        g.writeStartObject();
        g.writeStringProperty("help", help);
        g.writeBooleanProperty("success", true);
        g.writeName("result");
        g.writeStartObject();
        g.writeBooleanProperty("include_total", req.search().includeTotal());
        g.writeStringProperty("resource_id", r.resourceId());
        g.writeName("fields");
        JsonDumpWriter.writeFields(g, r.fields());
        g.writeStringProperty("records_format", req.recordsFormat());
        g.writeName("records");
        RecordsWriter.forFormat(req.recordsFormat()).orElseThrow().write(r.rows(), g);
        g.writeNumberProperty("limit", r.limit());
        for (String key : ECHOED) {
            JsonNode v = req.echo().get(key);
            if (v != null) {
                g.writeName(key);
                mapper.writeTree(g, v);
            }
        }
        if (req.echo().has("total_estimation_threshold")) {
            g.writeName("total_estimation_threshold");
            mapper.writeTree(g, req.echo().get("total_estimation_threshold"));
        } else {
            g.writeNullProperty("total_estimation_threshold");
        }
        links(g, path, linkArgs(req.echo()), req.search().offset(), r.limit());
        if (r.total().isPresent()) {
            g.writeNumberProperty("total", r.total().getAsLong());
            g.writeBooleanProperty("total_was_estimated", r.totalWasEstimated());
        }
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
    }

    static void sql(JsonGenerator g, String help, SqlResult r) {
        g.writeStartObject();
        g.writeStringProperty("help", help);
        g.writeBooleanProperty("success", true);
        g.writeName("result");
        g.writeStartObject();
        g.writeStringProperty("sql", r.sql());
        g.writeName("records");
        RecordsJsonWriter.objects().write(r.rows(), g);
        g.writeName("fields");
        g.writeStartArray();
        for (var c : r.columns()) {
            g.writeStartObject();
            g.writeStringProperty("id", c.id());
            g.writeStringProperty("type", c.type());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.rows().truncated()) {
            g.writeBooleanProperty("records_truncated", true);
        }
        g.writeEndObject();
        g.writeEndObject();
        g.flush();
    }

    /**
     * The parameters of the search as query arguments, whether they came as a query string or a POST
     * body, so that following a link repeats the same search (resource id included): blank values are
     * dropped as Python's parse_qsl does, a list of words becomes a comma list, anything else JSON text.
     */
    private static Map<String, String> linkArgs(ObjectNode params) {
        Map<String, String> args = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            JsonNode v = e.getValue();
            String text;
            if (v.isNull()) {
                continue;
            } else if (v.isValueNode()) {
                text = Params.text(v);
            } else if (v.isArray() && allStrings(v)) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asString()));
                text = String.join(",", items);
            } else {
                text = JsonMappers.standard().writeValueAsString(v);
            }
            if (!text.isEmpty()) {
                args.put(e.getKey(), text);
            }
        }
        return args;
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isString() || item.asString().contains(",")) {
                return false;
            }
        }
        return true;
    }

    /** CKAN's _links: the search's arguments with offset removed, or set in place for next/prev. */
    private static void links(JsonGenerator g, String path, Map<String, String> args, int offset, int limit) {
        Map<String, String> start = new LinkedHashMap<>(args);
        start.remove("offset");
        g.writeName("_links");
        g.writeStartObject();
        g.writeStringProperty("start", url(path, start));
        Map<String, String> next = new LinkedHashMap<>(args);
        next.put("offset", Integer.toString(offset + limit));
        g.writeStringProperty("next", url(path, next));
        if (offset - limit > 0) {
            Map<String, String> prev = new LinkedHashMap<>(args);
            prev.put("offset", Integer.toString(offset - limit));
            g.writeStringProperty("prev", url(path, prev));
        }
        g.writeEndObject();
    }

    private static String url(String path, Map<String, String> args) {
        if (args.isEmpty()) {
            return path;
        }
        List<String> parts = new ArrayList<>();
        args.forEach((k, v) -> parts.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return path + "?" + String.join("&", parts);
    }
}
