package datastore.api.endpoints;

import datastore.schemas.action.SearchRequest;
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

/** Streams the {@code datastore_search} and {@code datastore_search_sql} envelopes, records row by row. */
final class SearchWriter {
    private static final List<String> ECHOED =
            List.of("offset", "filters", "q", "sort", "distinct", "plain", "language", "full_text");

    private SearchWriter() {}

    static void search(JsonGenerator g, ObjectMapper mapper, String help, SearchResult r, String path, String query) {
        SearchRequest req = r.request();
        g.writeStartObject();
        g.writeStringProperty("help", help);
        g.writeBooleanProperty("success", true);
        g.writeName("result");
        g.writeStartObject();
        g.writeBooleanProperty("include_total", req.includeTotal());
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
        links(g, path, query, req.offset(), r.limit());
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
     * CKAN's _links: the request's query re-encoded as Python's parse_qsl/urlencode would (blank values
     * dropped, a repeated key keeps its last value), with offset removed, or set in place for next/prev.
     */
    private static void links(JsonGenerator g, String path, String query, int offset, int limit) {
        Map<String, String> args = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!value.isEmpty()) {
                    args.put(key, value);
                }
            }
        }
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

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
