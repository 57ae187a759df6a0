package datastore.api.datasette;

import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.core.text.Tilde;
import datastore.schemas.query.FilterOp;
import datastore.schemas.query.Search;
import datastore.schemas.query.TextQuery;
import datastore.services.auth.AccessRequest;
import datastore.services.read.CursorRows;
import datastore.services.read.SearchResult;
import datastore.services.read.SqlResult;
import datastore.services.read.SqlService;
import datastore.services.stream.OutputField;
import datastore.services.tables.TableRef;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The read side: table and row JSON ({@code /{db}/{table}.json}, {@code /{db}/{table}/{pks}.json}). */
final class DatasetteReads {
    private static final String ACTION = "datastore_search";
    private static final String ID = "_id";

    private final DatasetteServices services;

    DatasetteReads(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(DatasetteSurface.route(
                HandlerType.GET,
                "/{db}/{table}.json",
                "datasette_table",
                "A page of a table's rows, filtered, sorted and keyset-paginated as Datasette does.",
                this::table));
        routes.add(DatasetteSurface.route(
                HandlerType.GET,
                "/{db}/{table}/{pks}.json",
                "datasette_row",
                "One row of a table by its primary key values.",
                this::row));
        return routes;
    }

    /** The columns a table is read and ordered by: its primary key, or {@code _id} without one. */
    private static List<String> keys(TableRef table) {
        List<String> pk = table.primaryKey();
        return pk.isEmpty() ? List.of(ID) : pk;
    }

    /** The columns shown: {@code _id} first for a table without a primary key (its row id), then every column. */
    private static List<String> shown(TableRef table) {
        List<String> out = new ArrayList<>();
        if (table.primaryKey().isEmpty()) {
            out.add(ID);
        }
        out.addAll(table.columnIds());
        return out;
    }

    private TableRef resolve(Context ctx) {
        DatasetteRequests.database(ctx, services.settings());
        TableRef table = DatasetteRequests.table(ctx, services.tables());
        services.gate().require(ctx, AccessRequest.read(ACTION, table.id(), table.requestedName()));
        return table;
    }

    void table(Context ctx) {
        TableRef table = resolve(ctx);
        Set<String> columns = new HashSet<>(table.columnIds());
        columns.add(ID);
        DatasetteTableQuery q = DatasetteTableQuery.parse(ctx, services.settings(), columns);
        List<String> keys = keys(table);
        if (q.shape().equals("object") && table.primaryKey().isEmpty()) {
            throw DatasetteRequests.badRequest("_shape=object is only available on tables with a primary key");
        }
        List<Search.Filter> filters = new ArrayList<>(q.filters());
        filters.addAll(where(ctx, table, q.where()));
        TextQuery text = q.search();

        List<Search.Sort> sort = new ArrayList<>();
        if (q.sort() != null) {
            sort.add(sortKey(q.sort(), q.descending()));
        }
        keys.forEach(k -> sort.add(sortKey(k, false)));
        List<@Nullable String> after = null;
        if (q.next() != null) {
            List<@Nullable String> token = DatasetteKeyset.decode(q.next(), q.sort() != null, keys.size());
            after = new ArrayList<>(token);
        }
        boolean bare = q.shape().equals("array") || q.shape().equals("object");
        boolean count = !bare && !q.noCount() && q.extras().contains("count");
        List<String> fetched = new ArrayList<>(List.of(ID));
        fetched.addAll(table.columnIds());
        Search search = new Search(filters, text, fetched, sort, q.size() + 1, 0, false, count, null, after);

        List<String> shownInOrder = visible(table, q, keys);
        Set<String> shown = new HashSet<>(shownInOrder);
        // The values a keyset token is made of: the sort column (if any), then the keys.
        List<String> tokenColumns = new ArrayList<>();
        if (q.sort() != null) {
            tokenColumns.add(q.sort());
        }
        tokenColumns.addAll(keys);
        List<ObjectNode> rows = new ArrayList<>();
        List<List<@Nullable String>> rowKeys = new ArrayList<>();
        Long total = null;
        boolean more = false;
        try (SearchResult result = services.read().search(table, search)) {
            CursorRows cursor = result.rows();
            List<OutputField> fields = cursor.fields();
            while (cursor.next()) {
                if (rows.size() == q.size()) {
                    more = true;
                    break;
                }
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                List<@Nullable String> rk = new ArrayList<>();
                tokenColumns.forEach(c -> rk.add(null));
                for (int i = 0; i < fields.size(); i++) {
                    OutputField f = fields.get(i);
                    Object v = cursor.value(i);
                    if (shown.contains(f.id())) {
                        JsonNode rendered = DatasetteRows.value(f, v);
                        row.set(f.id(), q.json().contains(f.id()) ? DatasetteRows.parsedJson(rendered) : rendered);
                    }
                    for (int k = 0; k < tokenColumns.size(); k++) {
                        if (tokenColumns.get(k).equals(f.id())) {
                            rk.set(k, DatasetteRows.keyText(f.type(), v));
                        }
                    }
                }
                rows.add(ordered(row, shownInOrder));
                rowKeys.add(rk);
            }
            if (count && result.total().isPresent()) {
                total = result.total().getAsLong();
            }
        }
        String next = null;
        if (more && !rows.isEmpty()) {
            List<@Nullable String> last = rowKeys.getLast();
            next = q.sort() != null
                    ? DatasetteKeyset.encode(true, last.getFirst(), last.subList(1, last.size()))
                    : DatasetteKeyset.encode(false, null, last);
        }
        String nextUrl = next == null ? null : url(ctx, withArg(ctx.queryString(), "_next", next));
        if (nextUrl != null && !q.shape().equals("objects")) {
            ctx.header("Link", "<" + nextUrl + ">; rel=\"next\"");
        }
        write(ctx, table, q, keys, shownInOrder, rows, next, nextUrl, total, filters, text);
    }

    private void write(
            Context ctx,
            TableRef table,
            DatasetteTableQuery q,
            List<String> keys,
            List<String> shown,
            List<ObjectNode> rows,
            @Nullable String next,
            @Nullable String nextUrl,
            @Nullable Long total,
            List<Search.Filter> filters,
            @Nullable TextQuery text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (q.shape()) {
            case "array" -> {
                if (q.newlines()) {
                    StringBuilder sb = new StringBuilder();
                    for (ObjectNode row : rows) {
                        sb.append(JsonMappers.standard().writeValueAsString(row))
                                .append('\n');
                    }
                    ctx.contentType("text/plain;charset=utf-8");
                    ctx.result(sb.toString());
                    return;
                }
                ArrayNode out = nodes.arrayNode();
                rows.forEach(out::add);
                DatasetteSurface.json(ctx, out);
                return;
            }
            case "arrayfirst" -> {
                ArrayNode out = nodes.arrayNode();
                for (ObjectNode row : rows) {
                    out.add(
                            row.isEmpty()
                                    ? nodes.nullNode()
                                    : row.properties().iterator().next().getValue());
                }
                DatasetteSurface.json(ctx, out);
                return;
            }
            case "object" -> {
                ObjectNode out = nodes.objectNode();
                for (ObjectNode row : rows) {
                    List<@Nullable String> values = new ArrayList<>();
                    keys.forEach(k -> values.add(DatasetteRows.display(row.path(k))));
                    out.set(DatasetteKeyset.path(values), row);
                }
                DatasetteSurface.json(ctx, out);
                return;
            }
            default -> {}
        }
        ObjectNode o = nodes.objectNode();
        o.put("ok", true);
        o.put("next", next);
        o.put("next_url", nextUrl);
        ArrayNode list = o.putArray("rows");
        for (ObjectNode row : rows) {
            if (q.shape().equals("arrays")) {
                ArrayNode values = nodes.arrayNode();
                row.properties().forEach(e -> values.add(e.getValue()));
                list.add(values);
            } else {
                list.add(row);
            }
        }
        o.put("truncated", false);
        Set<String> extras = q.extras();
        if (extras.contains("count")) {
            o.put("count", total);
        }
        if (extras.contains("count_truncated")) {
            o.put("count_truncated", false);
        }
        if (extras.contains("columns")) {
            ArrayNode c = o.putArray("columns");
            shown.forEach(c::add);
        }
        if (extras.contains("all_columns")) {
            ArrayNode c = o.putArray("all_columns");
            shown(table).forEach(c::add);
        }
        if (extras.contains("primary_keys")) {
            ArrayNode c = o.putArray("primary_keys");
            table.primaryKey().forEach(c::add);
        }
        if (extras.contains("database")) {
            o.put("database", services.settings().database());
        }
        if (extras.contains("table")) {
            o.put("table", table.requestedName());
        }
        if (extras.contains("is_view")) {
            o.put("is_view", false);
        }
        if (extras.contains("private")) {
            o.put("private", false);
        }
        if (extras.contains("next_url")) {
            o.put("next_url", nextUrl);
        }
        if (extras.contains("suggested_facets")) {
            o.putArray("suggested_facets");
        }
        if (extras.contains("facet_results")) {
            o.set("facet_results", facets(ctx, table, q, filters, text));
        }
        if (extras.contains("facets_timed_out")) {
            o.putArray("facets_timed_out");
        }
        DatasetteSurface.json(ctx, o);
    }

    /**
     * {@code facet_results}: per column, the most frequent non-null values of the matching rows (counted
     * over a scan of that column), with the URL that adds or removes the value as a filter.
     */
    private ObjectNode facets(
            Context ctx, TableRef table, DatasetteTableQuery q, List<Search.Filter> filters, @Nullable TextQuery text) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode out = nodes.objectNode();
        ObjectNode results = out.putObject("results");
        out.putArray("timed_out");
        for (String column : q.facets()) {
            Search scan = new Search(filters, text, List.of(column), List.of(), 1, 0, false, false, null);
            Map<String, JsonNode> valueOf = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            // Counted by the engine (GROUP BY in the shared SQL), most frequent first, one past the size.
            try (CursorRows rows = services.read().facet(table, scan, column, q.facetSize() + 1)) {
                OutputField f = rows.fields().getFirst();
                while (rows.next()) {
                    Object v = rows.value(0);
                    Object n = rows.value(1);
                    if (v == null || !(n instanceof Number count)) {
                        continue;
                    }
                    JsonNode rendered = DatasetteRows.value(f, v);
                    String key = DatasetteRows.display(rendered);
                    valueOf.putIfAbsent(key, rendered);
                    counts.merge(key, count.longValue(), Long::sum);
                }
            }
            List<String> order = new ArrayList<>(counts.keySet());
            ObjectNode facet = results.putObject(column);
            facet.put("name", column);
            facet.put("type", "column");
            facet.put("hide_url", url(ctx, withoutArg(ctx.queryString(), "_facet", column)));
            ArrayNode items = facet.putArray("results");
            Set<String> selected = new HashSet<>();
            for (Search.Filter filter : q.filters()) {
                if (filter.column().equals(column) && filter.op() == FilterOp.EXACT) {
                    selected.add(filter.value().asString());
                }
            }
            for (String key : order.subList(0, Math.min(order.size(), q.facetSize()))) {
                ObjectNode item = items.addObject();
                item.set("value", valueOf.get(key));
                item.put("label", key);
                item.put("count", counts.getOrDefault(key, 0L));
                boolean isSelected = selected.contains(key);
                String toggled = isSelected
                        ? withoutArg(withoutArg(ctx.queryString(), column, key), column + "__exact", key)
                        : withArg(ctx.queryString(), column, key, false);
                item.put("toggle_url", url(ctx, withoutArg(toggled, "_next", null)));
                item.put("selected", isSelected);
            }
            facet.put("truncated", order.size() > q.facetSize());
        }
        return out;
    }

    void row(Context ctx) {
        TableRef table = resolve(ctx);
        List<String> keys = keys(table);
        String raw = ctx.pathParam("pks");
        String[] parts = raw.split(",", -1);
        if (parts.length != keys.size()) {
            throw DatasetteRequests.badRequest("Row path needs " + keys.size() + " primary key value"
                    + (keys.size() == 1 ? "" : "s") + ", got " + parts.length);
        }
        List<String> values = new ArrayList<>();
        for (String p : parts) {
            values.add(Tilde.decode(p));
        }
        if (table.primaryKey().isEmpty() && !values.getFirst().matches("-?\\d{1,18}")) {
            throw notFound(values);
        }
        List<Search.Filter> filters = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            filters.add(
                    new Search.Filter(keys.get(i), JsonNodeFactory.instance.stringNode(values.get(i)), FilterOp.EXACT));
        }
        List<String> shown = shown(table);
        List<String> fetched = new ArrayList<>(List.of(ID));
        fetched.addAll(table.columnIds());
        Search search = new Search(filters, null, fetched, null, 1, 0, false, false, null);
        ObjectNode row = null;
        try (SearchResult result = services.read().search(table, search)) {
            CursorRows cursor = result.rows();
            if (cursor.next()) {
                row = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < cursor.fields().size(); i++) {
                    OutputField f = cursor.fields().get(i);
                    if (shown.contains(f.id())) {
                        row.set(f.id(), DatasetteRows.value(f, cursor.value(i)));
                    }
                }
            }
        } catch (ApiException e) {
            // A key value the column's type cannot hold (abc for an integer key) names no row.
            if (e.code() == ErrorCode.VALIDATION) {
                throw notFound(values);
            }
            throw e;
        }
        if (row == null) {
            throw notFound(values);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ok", true);
        o.put("database", services.settings().database());
        o.put("table", table.requestedName());
        o.putArray("rows").add(ordered(row, shown));
        ArrayNode pks = o.putArray("primary_keys");
        keys.forEach(pks::add);
        ArrayNode pkValues = o.putArray("primary_key_values");
        values.forEach(pkValues::add);
        DatasetteSurface.json(ctx, o);
    }

    private static RuntimeException notFound(List<String> values) {
        List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
        return DatasetteRequests.notFound("Record not found: [" + String.join(", ", quoted) + "]");
    }

    /**
     * {@code _where} clauses: only where SQL is enabled, each run as {@code SELECT _id FROM table WHERE
     * clause} through the same guard, plan check, limits and access questions as {@code
     * datastore_search_sql}; the page then keeps the rows whose {@code _id} it returned. No caller text
     * is ever spliced into the page's own SQL.
     */
    private List<Search.Filter> where(Context ctx, TableRef table, List<String> clauses) {
        if (clauses.isEmpty()) {
            return List.of();
        }
        SqlService sql = services.sql();
        if (sql == null) {
            throw DatasetteRequests.forbidden("_where= is not allowed");
        }
        services.gate().require(ctx, AccessRequest.sqlCall());
        List<Search.Filter> out = new ArrayList<>();
        for (String clause : clauses) {
            String statement = "SELECT \"_id\" FROM \"" + table.id().replace("\"", "\"\"") + "\" WHERE " + clause;
            SqlService.Checked checked = sql.checkNamed(statement);
            checked.namesByTable().forEach((t, names) -> services.gate().require(ctx, AccessRequest.sql(t, names)));
            ArrayNode ids = JsonNodeFactory.instance.arrayNode();
            try (SqlResult result = sql.run(statement, checked.guarded())) {
                CursorRows rows = result.rows();
                while (rows.next()) {
                    Object id = rows.value(0);
                    if (id != null) {
                        ids.add(String.valueOf(id));
                    }
                }
                if (rows.truncated()) {
                    throw DatasetteRequests.badRequest(
                            "_where= matches more rows than one SQL query may return; narrow it down");
                }
            }
            out.add(new Search.Filter(ID, ids, FilterOp.IN));
        }
        return out;
    }

    private static Search.Sort sortKey(String column, boolean descending) {
        // SQLite's order, which Datasette clients see: NULLs first ascending, last descending.
        return new Search.Sort(column, descending, descending ? Search.Nulls.LAST : Search.Nulls.FIRST, column);
    }

    /** The columns a page shows: {@code _col} (or all) minus {@code _nocol}, the primary keys always. */
    private static List<String> visible(TableRef table, DatasetteTableQuery q, List<String> keys) {
        List<String> all = shown(table);
        List<String> out = new ArrayList<>();
        for (String c : all) {
            boolean key = keys.contains(c);
            boolean asked = q.columns() == null || q.columns().contains(c);
            if (key || asked && !q.noColumns().contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static ObjectNode ordered(ObjectNode row, List<String> shown) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String c : shown) {
            JsonNode v = row.get(c);
            if (v != null) {
                out.set(c, v);
            }
        }
        return out;
    }

    /** The absolute URL of this path with {@code query}. */
    private static String url(Context ctx, String query) {
        return ctx.url() + (query.isEmpty() ? "" : "?" + query);
    }

    /** The query string with {@code name} set to {@code value} (earlier values of it removed). */
    private static String withArg(@Nullable String query, String name, String value) {
        return withArg(query, name, value, true);
    }

    private static String withArg(@Nullable String query, String name, String value, boolean replace) {
        String base = replace ? withoutArg(query, name, null) : query == null ? "" : query;
        String arg = enc(name) + "=" + enc(value);
        return base.isEmpty() ? arg : base + "&" + arg;
    }

    /** The query string without {@code name} (only where its value is {@code value}, when given). */
    private static String withoutArg(@Nullable String query, String name, @Nullable String value) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = dec(eq < 0 ? part : part.substring(0, eq));
            String v = eq < 0 ? "" : dec(part.substring(eq + 1));
            if (k.equals(name) && (value == null || v.equals(value))) {
                continue;
            }
            kept.add(part);
        }
        return String.join("&", kept);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
