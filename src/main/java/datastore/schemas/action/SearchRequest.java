package datastore.schemas.action;

import datastore.core.json.JsonMappers;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code datastore_search} (also used for dumps): everything checkable without the table.
 * Column names are checked later, against the table.
 *
 * @param echo the parameters as sent, which CKAN echoes back in the result
 */
public record SearchRequest(
        String resourceId,
        Map<String, JsonNode> filters,
        Optional<String> q,
        Map<String, String> qFields,
        Optional<String> fullText,
        boolean plain,
        String language,
        boolean distinct,
        Optional<List<String>> fields,
        Optional<List<String>> sort,
        int limit,
        int offset,
        boolean includeTotal,
        Optional<Long> totalEstimationThreshold,
        String recordsFormat,
        ObjectNode echo) {

    public static final List<String> RECORDS_FORMATS = List.of("objects", "lists", "csv", "tsv");
    private static final JsonMapper JSON = JsonMappers.standard();

    /** Limits that come from configuration. */
    public record Limits(int rowsDefault, int rowsMax, String defaultLanguage) {}

    /** Parses and validates; throws a 409 ApiException listing every problem. */
    public static SearchRequest parse(ObjectNode params, Limits limits) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        p.present("callback");
        String id = p.resourceId(true).orElse("");
        Map<String, JsonNode> filters = filters(p, "filters");
        Map<String, String> qFields = new LinkedHashMap<>();
        Optional<String> q = query(p, qFields);
        Optional<String> fullText = p.string("full_text").filter(s -> !s.isBlank());
        boolean plain = p.bool("plain", true);
        String language = p.string("language").filter(s -> !s.isBlank()).orElse(limits.defaultLanguage());
        boolean distinct = p.bool("distinct", false);
        Optional<List<String>> fields = p.list("fields");
        Optional<List<String>> sort = p.list("sort");
        long limit = p.natural("limit").orElse((long) limits.rowsDefault());
        long offset = offset(p);
        boolean includeTotal = p.bool("include_total", true);
        Optional<Long> threshold = p.integer("total_estimation_threshold");
        String format = p.oneOf("records_format", RECORDS_FORMATS).orElse("objects");
        for (String extra : p.unread()) {
            problems.add("__extras", "invalid value \"" + extra + "\"");
        }
        problems.throwIfAny();
        return new SearchRequest(
                id,
                filters,
                q,
                qFields,
                fullText,
                plain,
                language,
                distinct,
                fields,
                sort,
                (int) Math.min(limit, limits.rowsMax()),
                (int) Math.min(offset, Integer.MAX_VALUE),
                includeTotal,
                threshold,
                format,
                params);
    }

    /** CKAN's filters: a JSON object (or a string holding one) of column → scalar or list. */
    public static Map<String, JsonNode> filters(Params p, String key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Optional<JsonNode> v = p.json(key);
        if (v.isEmpty()) {
            return out;
        }
        if (!v.get().isObject()) {
            p.problems().add(key, "Cannot parse JSON");
            return out;
        }
        for (Map.Entry<String, JsonNode> e : v.get().properties()) {
            JsonNode value = e.getValue();
            boolean ok = value.isValueNode() || value.isNull();
            if (value.isArray()) {
                ok = true;
                for (JsonNode item : value) {
                    ok &= item.isValueNode() || item.isNull() || item.isArray();
                }
            }
            if (!ok) {
                p.problems().add(key, "invalid value \"" + e.getKey() + "\"");
                continue;
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    private static Optional<String> query(Params p, Map<String, String> qFields) {
        Optional<JsonNode> raw = p.raw("q");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        JsonNode q = raw.get();
        if (q.isString()) {
            String text = q.asString();
            String trimmed = text.strip();
            if (trimmed.startsWith("{")) {
                try {
                    JsonNode parsed = JSON.readTree(trimmed);
                    if (parsed.isObject()) {
                        q = parsed;
                    }
                } catch (JacksonException e) {
                    // Not JSON: CKAN keeps the original string as a full-text query.
                }
            }
            if (q.isString()) {
                return text.isBlank() ? Optional.empty() : Optional.of(text);
            }
        }
        if (q.isObject()) {
            for (Map.Entry<String, JsonNode> e : q.properties()) {
                if (!e.getValue().isString()) {
                    p.problems().add("q", "invalid value \"" + e.getKey() + "\"");
                } else {
                    qFields.put(e.getKey(), e.getValue().asString());
                }
            }
            return Optional.empty();
        }
        if (q.isNumber() || q.isBoolean()) {
            return Optional.of(q.toString());
        }
        p.problems().add("q", "invalid value");
        return Optional.empty();
    }

    private static long offset(Params p) {
        Optional<JsonNode> raw = p.raw("offset");
        Optional<Long> v = p.integer("offset");
        if (v.isPresent() && v.get() < 0) {
            p.problems().add("offset", "invalid value \"" + Params.text(raw.orElseThrow()) + "\"");
            return 0;
        }
        return v.orElse(0L);
    }

    public boolean hasFullText() {
        return q.isPresent() || fullText.isPresent() || !qFields.isEmpty();
    }
}
