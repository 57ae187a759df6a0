package datastore.api.datasette;

import datastore.core.json.JsonMappers;
import datastore.schemas.query.FilterOp;
import datastore.schemas.query.Search;
import datastore.schemas.query.TextQuery;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A table page request as Datasette's query string writes it: {@code _shape}, {@code _size},
 * {@code _sort}/{@code _sort_desc}, {@code _next}, {@code _col}/{@code _nocol}, {@code _search},
 * {@code _search_<col>}, {@code _searchmode}, {@code _json}, {@code _where}, {@code _facet}, {@code _nofacet}, {@code _extra}, {@code _nocount} and the column filters
 * {@code col__op=value} / {@code col=value}. Names are checked against the table's columns here.
 */
record DatasetteTableQuery(
        String shape,
        boolean newlines,
        int size,
        @Nullable String sort,
        boolean descending,
        @Nullable String next,
        @Nullable List<String> columns,
        List<String> noColumns,
        @Nullable TextQuery search,
        List<String> json,
        List<String> where,
        List<String> facets,
        int facetSize,
        Set<String> extras,
        boolean noCount,
        List<Search.Filter> filters) {

    static final List<String> SHAPES = List.of("objects", "arrays", "array", "arrayfirst", "object");
    static final Set<String> EXTRAS = Set.of(
            "count",
            "count_truncated",
            "facet_results",
            "facets_timed_out",
            "suggested_facets",
            "columns",
            "all_columns",
            "primary_keys",
            "database",
            "table",
            "is_view",
            "next_url",
            "private");
    static final int DEFAULT_FACET_SIZE = 30;
    /** The text search configuration {@code _search} uses, as the CKAN surface's default. */
    static final String LANGUAGE = "english";

    private static final Map<String, FilterOp> OPS = Map.ofEntries(
            Map.entry("exact", FilterOp.EXACT),
            Map.entry("not", FilterOp.NOT),
            Map.entry("contains", FilterOp.CONTAINS),
            Map.entry("notcontains", FilterOp.NOTCONTAINS),
            Map.entry("startswith", FilterOp.STARTSWITH),
            Map.entry("endswith", FilterOp.ENDSWITH),
            Map.entry("gt", FilterOp.GT),
            Map.entry("gte", FilterOp.GTE),
            Map.entry("lt", FilterOp.LT),
            Map.entry("lte", FilterOp.LTE),
            Map.entry("like", FilterOp.LIKE),
            Map.entry("notlike", FilterOp.NOTLIKE),
            Map.entry("glob", FilterOp.GLOB),
            Map.entry("in", FilterOp.IN),
            Map.entry("notin", FilterOp.NOTIN),
            Map.entry("isnull", FilterOp.ISNULL),
            Map.entry("notnull", FilterOp.NOTNULL),
            Map.entry("isblank", FilterOp.ISBLANK),
            Map.entry("notblank", FilterOp.NOTBLANK),
            Map.entry("date", FilterOp.DATE),
            Map.entry("arraycontains", FilterOp.ARRAYCONTAINS),
            Map.entry("arraynotcontains", FilterOp.ARRAYNOTCONTAINS));

    /** Reads the query string; {@code columns} are the table's column names ({@code _id} included). */
    static DatasetteTableQuery parse(Context ctx, DatasetteSettings settings, Set<String> columns) {
        Map<String, List<String>> q = ctx.queryParamMap();
        String shape = first(q, "_shape");
        if (shape == null || shape.isEmpty()) {
            shape = "objects";
        }
        if (!SHAPES.contains(shape)) {
            throw DatasetteRequests.badRequest("Invalid _shape: " + shape);
        }
        int size = size(first(q, "_size"), settings.defaultPageSize(), settings.maxReturnedRows(), "_size");
        String sort = blankToNull(first(q, "_sort"));
        String sortDesc = blankToNull(first(q, "_sort_desc"));
        if (sort != null && sortDesc != null) {
            throw DatasetteRequests.badRequest("Cannot use _sort and _sort_desc at the same time");
        }
        String sortColumn = sort != null ? sort : sortDesc;
        if (sortColumn != null && !columns.contains(sortColumn)) {
            throw DatasetteRequests.badRequest("Cannot sort table by " + sortColumn);
        }
        List<String> col = values(q, "_col").stream().filter(c -> !c.isEmpty()).toList();
        checkColumns("_col", col, columns);
        List<String> nocol =
                values(q, "_nocol").stream().filter(c -> !c.isEmpty()).toList();
        checkColumns("_nocol", nocol, columns);
        List<String> facets =
                truthy(first(q, "_nofacet")) ? List.of() : new ArrayList<>(new LinkedHashSet<>(values(q, "_facet")));
        List<String> json =
                values(q, "_json").stream().filter(c -> !c.isEmpty()).toList();
        checkColumns("_json", json, columns);
        for (String f : facets) {
            if (!columns.contains(f)) {
                throw DatasetteRequests.badRequest("Invalid _facet: " + f + " is not a column");
            }
        }
        int facetSize = size(first(q, "_facet_size"), DEFAULT_FACET_SIZE, settings.maxReturnedRows(), "_facet_size");
        Set<String> extras = new LinkedHashSet<>(commaList(q.get("_extra")));
        List<String> unknown = extras.stream().filter(e -> !EXTRAS.contains(e)).toList();
        if (!unknown.isEmpty()) {
            throw DatasetteRequests.badRequest("Invalid _extra: " + String.join(", ", unknown));
        }
        if (!facets.isEmpty()) {
            extras.add("facet_results");
        }
        List<Search.Filter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : q.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("_") && !key.contains("__") || key.startsWith("_search_")) {
                continue;
            }
            for (String value : e.getValue()) {
                filters.add(filter(key, value, columns));
            }
        }
        return new DatasetteTableQuery(
                shape,
                truthy(first(q, "_nl")),
                size,
                sortColumn,
                sortDesc != null,
                blankToNull(first(q, "_next")),
                q.containsKey("_col") ? col : null,
                nocol,
                textQuery(q, columns),
                json,
                values(q, "_where").stream().filter(w -> !w.isBlank()).toList(),
                facets,
                facetSize,
                extras,
                truthy(first(q, "_nocount")),
                filters);
    }

    /**
     * {@code _search} (the whole row) and {@code _search_<col>} (one column) as a full-text query: plain
     * words, or the raw query syntax with {@code _searchmode=raw}.
     */
    private static @Nullable TextQuery textQuery(Map<String, List<String>> q, Set<String> columns) {
        String all = blankToNull(first(q, "_search"));
        Map<String, String> perField = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : q.entrySet()) {
            if (e.getKey().startsWith("_search_") && !e.getValue().isEmpty()) {
                String column = e.getKey().substring("_search_".length());
                if (!columns.contains(column) || column.equals("_id")) {
                    throw DatasetteRequests.badRequest("Cannot search by unknown column: " + column);
                }
                String words = e.getValue().getFirst();
                if (!words.isBlank()) {
                    perField.put(column, words);
                }
            }
        }
        if ((all == null || all.isBlank()) && perField.isEmpty()) {
            return null;
        }
        boolean raw = "raw".equals(first(q, "_searchmode"));
        return new TextQuery(all == null || all.isBlank() ? null : all, perField, !raw, LANGUAGE);
    }

    /** {@code col__op=value}, or {@code col=value} for exact; 400 naming an unknown column or operator. */
    static Search.Filter filter(String key, String value, Set<String> columns) {
        String column = key;
        FilterOp op = FilterOp.EXACT;
        int split = key.lastIndexOf("__");
        if (split > 0 && !columns.contains(key)) {
            column = key.substring(0, split);
            String name = key.substring(split + 2);
            FilterOp known = OPS.get(name);
            if (known == null) {
                throw DatasetteRequests.badRequest("Invalid filter operator: " + name + " (in " + key + ")");
            }
            op = known;
        }
        if (!columns.contains(column)) {
            throw DatasetteRequests.badRequest("Cannot filter by unknown column: " + column);
        }
        JsonNode node;
        if (op == FilterOp.IN || op == FilterOp.NOTIN) {
            node = list(value);
        } else {
            node = JsonNodeFactory.instance.stringNode(value);
        }
        return new Search.Filter(column, node, op);
    }

    /** A comma list, or a JSON array when the value starts with {@code [}. */
    private static JsonNode list(String value) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (value.startsWith("[")) {
            JsonNode parsed;
            try {
                parsed = JsonMappers.standard().readTree(value);
            } catch (JacksonException e) {
                throw DatasetteRequests.badRequest("Invalid JSON array: " + value);
            }
            if (parsed == null || !parsed.isArray()) {
                throw DatasetteRequests.badRequest("Invalid JSON array: " + value);
            }
            for (JsonNode v : parsed) {
                out.add(v.isString() || v.isNull() ? v : JsonNodeFactory.instance.stringNode(v.toString()));
            }
            return out;
        }
        for (String part : value.split(",", -1)) {
            out.add(part);
        }
        return out;
    }

    private static int size(@Nullable String raw, int byDefault, int max, String name) {
        if (raw == null || raw.isEmpty()) {
            return byDefault;
        }
        if (raw.equals("max")) {
            return max;
        }
        int n;
        try {
            n = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw DatasetteRequests.badRequest(name + " must be a positive integer");
        }
        if (n < 0) {
            throw DatasetteRequests.badRequest(name + " must be a positive integer");
        }
        if (n > max) {
            throw DatasetteRequests.badRequest(name + " must be <= " + max);
        }
        return n;
    }

    private static void checkColumns(String param, List<String> asked, Set<String> columns) {
        List<String> bad = asked.stream().filter(c -> !columns.contains(c)).toList();
        if (!bad.isEmpty()) {
            throw DatasetteRequests.badRequest(param + "=" + String.join(", ", bad) + " - invalid columns");
        }
    }

    static boolean truthy(@Nullable String v) {
        return v != null && Set.of("on", "true", "1").contains(v.toLowerCase(Locale.ROOT));
    }

    private static @Nullable String first(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static List<String> values(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null ? List.of() : v;
    }

    private static List<String> commaList(@Nullable List<String> raw) {
        List<String> out = new ArrayList<>();
        if (raw != null) {
            for (String v : raw) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
