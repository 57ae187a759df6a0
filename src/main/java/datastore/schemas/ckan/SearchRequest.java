package datastore.schemas.ckan;

import datastore.core.json.JsonMappers;
import datastore.schemas.query.Search;
import datastore.schemas.query.TextQuery;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code datastore_search} (also the base of a dump): the table it names, the neutral
 * {@link Search}, and what CKAN's answer echoes.
 *
 * @param echo the parameters as sent, which CKAN echoes back in the result
 */
public record SearchRequest(String resourceId, Search search, String recordsFormat, ObjectNode echo) {

    public static final List<String> RECORDS_FORMATS = List.of("objects", "lists", "csv", "tsv");

    /** CKAN's {@code _parse_sort_clause}: a field (quotes stripped), then asc/desc, then nulls first/last. */
    private static final Pattern SORT =
            Pattern.compile("^(.+?)( +(asc|desc))?( nulls +(first|last) *)?$", Pattern.CASE_INSENSITIVE);

    /** Longest {@code q} or {@code filters} text accepted; a search query is words, not a document. */
    public static final int MAX_QUERY_CHARS = 100_000;

    /** Most filter columns and values one search may carry. */
    public static final int MAX_FILTER_VALUES = 10_000;

    public SearchRequest {
        Objects.requireNonNull(resourceId, "resourceId is null");
        Objects.requireNonNull(search, "search is null");
        Objects.requireNonNull(recordsFormat, "recordsFormat is null");
        Objects.requireNonNull(echo, "echo is null");
    }

    /** Limits that come from configuration. */
    public record Limits(int rowsDefault, int rowsMax, String defaultLanguage) {}

    /** Parses and validates; throws a 409 ApiException listing every problem. */
    public static SearchRequest parse(ObjectNode params, Limits limits) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        p.present("callback");
        String id = p.resourceId(true).orElse("");
        List<Search.Filter> filters = filters(p, "filters");
        TextQuery text = textQuery(p, limits.defaultLanguage());
        boolean distinct = p.bool("distinct", false);
        List<String> fields = p.list("fields").orElse(null);
        List<Search.Sort> sort =
                p.list("sort").map(clauses -> sort(clauses, problems)).orElse(null);
        long limit = p.natural("limit").orElse((long) limits.rowsDefault());
        long offset = offset(p);
        boolean includeTotal = p.bool("include_total", true);
        Long threshold = p.integer("total_estimation_threshold").orElse(null);
        String format = p.oneOf("records_format", RECORDS_FORMATS).orElse("objects");
        for (String extra : p.unread()) {
            problems.add("__extras", "invalid value \"" + extra + "\"");
        }
        problems.throwIfAny();
        Search search = new Search(
                filters,
                text,
                fields,
                sort,
                (int) Math.min(limit, limits.rowsMax()),
                (int) offset,
                distinct,
                includeTotal,
                threshold);
        return new SearchRequest(id, search, format, params);
    }

    /** CKAN's filters: a JSON object (or a string holding one) of column → scalar or list. */
    public static List<Search.Filter> filters(Params p, String key) {
        List<Search.Filter> out = new ArrayList<>();
        Optional<JsonNode> v = p.json(key);
        if (v.isEmpty()) {
            return out;
        }
        if (!v.get().isObject()) {
            p.problems().add(key, "Cannot parse JSON");
            return out;
        }
        int values = 0;
        for (Map.Entry<String, JsonNode> e : v.get().properties()) {
            JsonNode value = e.getValue();
            boolean ok = value.isValueNode() || value.isNull();
            if (value.isArray()) {
                ok = true;
                for (JsonNode item : value) {
                    ok &= item.isValueNode() || item.isNull() || item.isArray();
                }
                values += value.size();
            }
            if (!ok) {
                p.problems().add(key, "invalid value \"" + e.getKey() + "\"");
                continue;
            }
            if (++values > MAX_FILTER_VALUES) {
                p.problems().add(key, "too many filter values (at most " + MAX_FILTER_VALUES + ")");
                return List.of();
            }
            out.add(new Search.Filter(e.getKey(), value));
        }
        return out;
    }

    /** {@code q} (a string, or an object of field → words), {@code full_text}, {@code plain}, {@code language}. */
    private static @Nullable TextQuery textQuery(Params p, String defaultLanguage) {
        Map<String, String> perField = new LinkedHashMap<>();
        String all = query(p, perField);
        String fullText = p.string("full_text").filter(s -> !s.isBlank()).orElse(null);
        boolean plain = p.bool("plain", true);
        String language = p.string("language").filter(s -> !s.isBlank()).orElse(defaultLanguage);
        if (all == null) {
            all = fullText;
        }
        if (all != null && all.length() > MAX_QUERY_CHARS) {
            p.problems().add("q", "too long (at most " + MAX_QUERY_CHARS + " characters)");
            return null;
        }
        if (all == null && perField.isEmpty()) {
            return null;
        }
        return new TextQuery(all, perField, plain, language.toLowerCase(Locale.ROOT));
    }

    private static @Nullable String query(Params p, Map<String, String> perField) {
        Optional<JsonNode> raw = p.raw("q");
        if (raw.isEmpty()) {
            return null;
        }
        JsonNode q = raw.get();
        if (q.isString()) {
            String text = q.asString();
            String trimmed = text.strip();
            if (trimmed.startsWith("{") && trimmed.length() <= MAX_QUERY_CHARS) {
                try {
                    JsonNode parsed = JsonMappers.standard().readTree(trimmed);
                    if (parsed.isObject()) {
                        q = parsed;
                    }
                } catch (JacksonException e) {
                    // Not JSON: CKAN keeps the original string as a full-text query.
                }
            }
            if (q.isString()) {
                return text.isBlank() ? null : text;
            }
        }
        if (q.isObject()) {
            int chars = 0;
            for (Map.Entry<String, JsonNode> e : q.properties()) {
                if (!e.getValue().isString()) {
                    p.problems().add("q", "invalid value \"" + e.getKey() + "\"");
                    continue;
                }
                chars += e.getValue().asString().length();
                if (chars > MAX_QUERY_CHARS) {
                    p.problems().add("q", "too long (at most " + MAX_QUERY_CHARS + " characters)");
                    return null;
                }
                perField.put(e.getKey(), e.getValue().asString());
            }
            return null;
        }
        if (q.isNumber() || q.isBoolean()) {
            return q.toString();
        }
        p.problems().add("q", "invalid value");
        return null;
    }

    private static List<Search.Sort> sort(List<String> clauses, Problems problems) {
        List<Search.Sort> out = new ArrayList<>();
        for (String clause : clauses) {
            Matcher m = SORT.matcher(clause);
            if (clause.isEmpty() || !m.matches()) {
                problems.add("sort", "invalid value \"" + clause + "\"");
                continue;
            }
            String field = m.group(1);
            if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
                field = field.substring(1, field.length() - 1);
            }
            boolean desc = m.group(3) != null && m.group(3).equalsIgnoreCase("desc");
            Search.Nulls nulls = m.group(5) == null
                    ? Search.Nulls.DEFAULT
                    : m.group(5).equalsIgnoreCase("first") ? Search.Nulls.FIRST : Search.Nulls.LAST;
            out.add(new Search.Sort(field, desc, nulls, clause));
        }
        return out;
    }

    private static long offset(Params p) {
        Optional<JsonNode> raw = p.raw("offset");
        Optional<Long> v = p.integer("offset");
        if (v.isPresent() && v.get() < 0) {
            p.problems().add("offset", "invalid value \"" + Params.text(raw.orElseThrow()) + "\"");
            return 0;
        }
        if (v.isPresent() && v.get() > Integer.MAX_VALUE) {
            p.problems().add("offset", "Must be at most " + Integer.MAX_VALUE);
            return 0;
        }
        return v.orElse(0L);
    }
}
