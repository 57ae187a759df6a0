package datastore.api.datasette;

import datastore.api.RequestSchema;
import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.core.text.Tilde;
import datastore.schemas.query.Search;
import datastore.services.auth.AccessRequest;
import datastore.services.read.CursorRows;
import datastore.services.read.SearchResult;
import datastore.services.read.SqlResult;
import datastore.services.read.SqlService;
import datastore.services.read.TableInfo;
import datastore.services.stream.OutputField;
import datastore.services.stream.ValueRenderer;
import datastore.services.tables.TableRef;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The instance ({@code /.json}) and database ({@code /{db}.json}) JSON, and the SQL query endpoint
 * ({@code /{db}/-/query.json?sql=…}, only while SQL is enabled), in Datasette 1.0a37's shapes.
 */
final class DatasetteDatabaseReads {
    /** Datasette marks the instance and database JSON as outside its stable API with these words. */
    static final String UNSTABLE = "This API is not part of Datasette's stable interface and may change at any time";

    /** The homepage lists at most this many tables per database (Datasette's TRUNCATE_AT). */
    private static final int TRUNCATE_AT = 5;

    /** The {@code _extra} names Datasette knows for a query; the ones answered here are handled below. */
    private static final Set<String> QUERY_EXTRAS = Set.of(
            "columns",
            "debug",
            "request",
            "render_cell",
            "query",
            "metadata",
            "database",
            "database_color",
            "private",
            "extras");

    private static final List<String> SHAPES = List.of("objects", "arrays", "array", "arrayfirst", "object");

    private final DatasetteServices services;

    DatasetteDatabaseReads(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(read(
                HandlerType.GET,
                "/.json",
                "datasette_instance",
                "The instance: its one database, with table counts and the first tables.",
                this::instance));
        SqlService sql = services.sql();
        if (sql != null) {
            routes.add(read(
                            HandlerType.GET,
                            "/{db}/-/query.json",
                            "datasette_query",
                            "Run one read-only SQL SELECT (the same guard and limits as datastore_search_sql).",
                            ctx -> query(ctx, sql))
                    .withSchema(RequestSchema.query(List.of(
                            RequestSchema.Param.required("sql", "One SELECT over the database's tables."),
                            RequestSchema.Param.of("_shape", "objects (default), arrays, array or arrayfirst.", SHAPES),
                            RequestSchema.Param.of("_extra", "Extra keys, comma-separated: columns, query, …"),
                            RequestSchema.Param.of("_nl", "With _shape=array: newline-delimited JSON.")))));
        }
        routes.add(read(
                HandlerType.GET,
                "/{db}.json",
                "datasette_database",
                "The database: its tables with row counts, columns and primary keys.",
                this::database));
        return routes;
    }

    /** A GET of this surface that asks the access service per call (what the caller may see). */
    private static Route read(HandlerType method, String path, String operation, String summary, Handler handler) {
        return new Route(
                DatasetteSurface.NAME,
                method,
                path,
                operation,
                summary,
                Route.Access.CREDENTIAL,
                Route.Body.NONE,
                handler,
                DatasetteSurface.ERRORS);
    }

    // ---- /.json ----

    private void instance(Context ctx) {
        String name = services.settings().database();
        List<Listed> listed = visible(ctx, "datasette_instance");
        List<ObjectNode> tables = new ArrayList<>();
        long rows = 0;
        int tableCount = 0;
        int views = 0;
        for (Listed l : listed) {
            if (l.info() == null) {
                views++;
                continue;
            }
            tableCount++;
            rows += l.info().rowCount();
            ObjectNode t = JsonMappers.standard().createObjectNode();
            t.put("name", l.name());
            columns(t.putArray("columns"), l.info());
            strings(t.putArray("primary_keys"), l.info().primaryKey());
            t.put("count", l.info().rowCount());
            t.put("hidden", false);
            t.putNull("fts_table");
            t.put("num_relationships_for_sorting", 0);
            t.put("private", false);
            tables.add(t);
        }
        // Datasette lists the biggest tables first (no foreign keys here, so by count, then name, descending).
        tables.sort((a, b) -> {
            int byCount = Long.compare(b.get("count").asLong(), a.get("count").asLong());
            return byCount != 0
                    ? byCount
                    : b.get("name").asString().compareTo(a.get("name").asString());
        });
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("ok", true);
        o.put("unstable", UNSTABLE);
        ObjectNode db = o.putArray("databases").addObject();
        db.put("name", name);
        db.putNull("hash");
        db.put("color", color(name));
        db.put("path", "/" + Tilde.encode(name));
        ArrayNode truncated = db.putArray("tables_and_views_truncated");
        tables.stream().limit(TRUNCATE_AT).forEach(truncated::add);
        if (truncated.size() < TRUNCATE_AT) {
            listed.stream()
                    .filter(l -> l.info() == null)
                    .limit(TRUNCATE_AT - truncated.size())
                    .forEach(l -> truncated.addObject().put("name", l.name()).put("private", false));
        }
        db.put("tables_and_views_more", tableCount + views > TRUNCATE_AT);
        db.put("tables_count", tableCount);
        db.put("table_rows_sum", rows);
        db.put("show_table_row_counts", true);
        db.put("hidden_table_rows_sum", 0);
        db.put("hidden_tables_count", 0);
        db.put("views_count", views);
        db.put("private", false);
        o.putObject("metadata");
        DatasetteSurface.json(ctx, o);
    }

    // ---- /{db}.json ----

    private void database(Context ctx) {
        String name = DatasetteRequests.database(ctx, services.settings());
        List<Listed> listed = visible(ctx, "datasette_database");
        String sql = ctx.queryParam("sql");
        if (sql != null && !sql.strip().isEmpty() && services.sql() != null) {
            // Datasette sends a database page that carries ?sql= to the query page, format kept.
            String q = ctx.queryString();
            ctx.redirect("/" + Tilde.encode(name) + "/-/query.json" + (q == null ? "" : "?" + q));
            return;
        }
        boolean allowSql = services.sql() != null && allowed(ctx, AccessRequest.sqlCall());
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("ok", true);
        o.put("database", name);
        o.put("private", false);
        o.put("path", "/" + Tilde.encode(name));
        long size = 0;
        ArrayNode tables = o.putArray("tables");
        ArrayNode views = JsonMappers.standard().createArrayNode();
        ObjectNode tableColumns = JsonMappers.standard().createObjectNode();
        for (Listed l :
                listed.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            TableInfo info = l.info();
            if (info == null) {
                views.addObject().put("name", l.name()).put("private", false);
                continue;
            }
            size = Math.max(size, info.dbSize());
            ObjectNode t = tables.addObject();
            t.put("name", l.name());
            columns(t.putArray("columns"), info);
            strings(t.putArray("primary_keys"), info.primaryKey());
            t.put("count", info.rowCount());
            t.put("count_truncated", false);
            t.put("hidden", false);
            t.putNull("fts_table");
            ObjectNode fks = t.putObject("foreign_keys");
            fks.putArray("incoming");
            fks.putArray("outgoing");
            t.put("private", false);
            columns(tableColumns.putArray(l.name()), info);
        }
        o.put("size", size);
        o.put("hidden_count", 0);
        o.set("views", views);
        o.putArray("queries");
        o.put("queries_more", false);
        o.put("queries_count", 0);
        o.put("allow_execute_sql", allowSql);
        o.set("table_columns", allowSql ? tableColumns : JsonMappers.standard().createObjectNode());
        o.putObject("metadata");
        DatasetteSurface.json(ctx, o);
    }

    /** A table or alias the caller may read; {@code info} is null for an alias (Datasette's view). */
    private record Listed(String name, @Nullable TableInfo info) {}

    /**
     * What the caller sees of the database. Who may read the table list sees every table it may read;
     * as in Datasette, where view-table implies view-database and view-instance, a caller who may not
     * read the list but may read some tables sees those; a caller who may read neither is refused.
     */
    private List<Listed> visible(Context ctx, String action) {
        ApiException refused = null;
        try {
            services.gate().require(ctx, AccessRequest.catalog(action));
        } catch (ApiException e) {
            if (e.code() != ErrorCode.NOT_AUTHORIZED) {
                throw e;
            }
            refused = e;
        }
        List<Listed> listed = listed(ctx);
        if (refused != null && listed.isEmpty()) {
            throw refused;
        }
        return listed;
    }

    /** Every table and alias, as {@code _table_metadata} lists them, that the caller may read. */
    private List<Listed> listed(Context ctx) {
        List<Listed> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, Boolean> aliases = new java.util.HashMap<>();
        Search all = new Search(List.of(), null, null, null, Integer.MAX_VALUE, 0, false, false, null);
        try (SearchResult list = services.read().tableList(all)) {
            CursorRows rows = list.rows();
            int nameAt = index(list.fields(), "name");
            int aliasAt = index(list.fields(), "alias_of");
            while (rows.next()) {
                String name = String.valueOf(rows.value(nameAt));
                names.add(name);
                aliases.put(name, rows.value(aliasAt) != null);
            }
        }
        for (String name : names) {
            TableRef ref = services.tables().find(name).orElse(null);
            if (ref == null || !allowed(ctx, AccessRequest.read("datasette_database", ref.id(), ref.requestedName()))) {
                continue;
            }
            boolean alias = aliases.getOrDefault(name, false) || ref.viaAlias();
            out.add(new Listed(name, alias ? null : services.read().info(ref)));
        }
        return out;
    }

    private boolean allowed(Context ctx, AccessRequest request) {
        try {
            services.gate().require(ctx, request);
            return true;
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_AUTHORIZED || e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static int index(List<OutputField> fields, String id) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("the table list has no column " + id);
    }

    private static void columns(ArrayNode out, TableInfo info) {
        info.fields().forEach(f -> out.add(f.id()));
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }

    /** Datasette's database colour: the first six hex digits of the MD5 of its name. */
    static String color(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    // ---- /{db}/-/query.json ----

    private void query(Context ctx, SqlService sql) {
        String db = DatasetteRequests.database(ctx, services.settings());
        // The right to run SQL comes before anything about the query, as datastore_search_sql asks it.
        services.gate().require(ctx, AccessRequest.sqlCall());
        String text = ctx.queryParam("sql");
        if (text == null || text.strip().isEmpty()) {
            throw DatasetteRequests.badRequest("?sql= is required");
        }
        SqlService.Checked checked;
        try {
            checked = sql.checkNamed(text);
        } catch (ApiException e) {
            throw bare(e);
        }
        checked.namesByTable().forEach((table, names) -> services.gate().require(ctx, AccessRequest.sql(table, names)));
        List<String> columns = new ArrayList<>();
        List<OutputField> fields;
        List<Object[]> rows = new ArrayList<>();
        boolean truncated;
        try (SqlResult result = runBare(sql, text, checked)) {
            CursorRows cursor = result.rows();
            fields = cursor.fields();
            fields.forEach(f -> columns.add(f.id()));
            int max = services.settings().maxReturnedRows();
            boolean more = false;
            while (cursor.next()) {
                if (rows.size() == max) {
                    more = true;
                    break;
                }
                Object[] row = new Object[fields.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = cursor.value(i);
                }
                rows.add(row);
            }
            truncated = more || cursor.truncated();
        }
        Set<String> extras = extras(ctx);
        List<String> unknown =
                extras.stream().filter(e -> !QUERY_EXTRAS.contains(e)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw DatasetteRequests.badRequest("Unknown _extra: " + String.join(", ", unknown));
        }
        String shape = ctx.queryParamMap().containsKey("_shape") ? ctx.queryParam("_shape") : "objects";
        if (shape == null || !SHAPES.contains(shape)) {
            throw DatasetteRequests.badRequest("Invalid _shape: " + (shape == null ? "" : shape));
        }
        if (shape.equals("object")) {
            throw DatasetteRequests.badRequest("_shape=object is only available on tables");
        }
        String nlArg = ctx.queryParam("_nl");
        boolean nl = shape.equals("array") && nlArg != null && !nlArg.isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (nl) {
            // Newline-delimited JSON: one object per line, served as text (Datasette's _nl=on).
            for (Object[] row : rows) {
                try (JsonGenerator g = JsonMappers.standard().createGenerator(out)) {
                    writeObject(g, fields, row);
                }
                out.write('\n');
            }
            ctx.contentType("text/plain;charset=utf-8");
            ctx.result(out.toByteArray());
            return;
        }
        try (JsonGenerator g = JsonMappers.standard().createGenerator(out)) {
            switch (shape) {
                case "arrayfirst" -> {
                    g.writeStartArray();
                    for (Object[] row : rows) {
                        if (row.length > 0) {
                            ValueRenderer.writeJson(g, fields.get(0).type(), row[0]);
                        } else {
                            g.writeNull();
                        }
                    }
                    g.writeEndArray();
                }
                case "array" -> {
                    g.writeStartArray();
                    for (Object[] row : rows) {
                        writeObject(g, fields, row);
                    }
                    g.writeEndArray();
                }
                default -> {
                    g.writeStartObject();
                    g.writeBooleanProperty("ok", true);
                    g.writeName("rows");
                    g.writeStartArray();
                    for (Object[] row : rows) {
                        if (shape.equals("arrays")) {
                            g.writeStartArray();
                            for (int i = 0; i < row.length; i++) {
                                ValueRenderer.writeJson(g, fields.get(i).type(), row[i]);
                            }
                            g.writeEndArray();
                        } else {
                            writeObject(g, fields, row);
                        }
                    }
                    g.writeEndArray();
                    if (extras.contains("columns")) {
                        g.writeName("columns");
                        g.writeStartArray();
                        columns.forEach(g::writeString);
                        g.writeEndArray();
                    }
                    if (extras.contains("query")) {
                        g.writeName("query");
                        g.writeStartObject();
                        g.writeStringProperty("sql", text);
                        g.writeName("params");
                        g.writeStartObject();
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    if (extras.contains("database")) {
                        g.writeStringProperty("database", db);
                    }
                    if (extras.contains("database_color")) {
                        g.writeStringProperty("database_color", color(db));
                    }
                    if (extras.contains("private")) {
                        g.writeBooleanProperty("private", false);
                    }
                    if (extras.contains("metadata")) {
                        g.writeName("metadata");
                        g.writeStartObject();
                        g.writeEndObject();
                    }
                    g.writeBooleanProperty("truncated", truncated);
                    g.writeEndObject();
                }
            }
        }
        ctx.contentType("application/json;charset=utf-8");
        ctx.result(out.toByteArray());
    }

    private static SqlResult runBare(SqlService sql, String text, SqlService.Checked checked) {
        try {
            return sql.run(text, checked.guarded());
        } catch (ApiException e) {
            throw bare(e);
        }
    }

    private static void writeObject(JsonGenerator g, List<OutputField> fields, Object[] row) {
        g.writeStartObject();
        for (int i = 0; i < row.length; i++) {
            g.writeName(fields.get(i).id());
            ValueRenderer.writeJson(g, fields.get(i).type(), row[i]);
        }
        g.writeEndObject();
    }

    /** The {@code _extra} names asked for: repeated and comma-separated, as Datasette reads them. */
    private static Set<String> extras(Context ctx) {
        Set<String> out = new LinkedHashSet<>();
        for (String bit : ctx.queryParams("_extra")) {
            for (String part : bit.split(",")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /**
     * The SQL guard's and engine's refusals in Datasette's words: the message alone, not prefixed with
     * the CKAN field it concerns ({@code query: …}); a 400 stays a 400 and a 403 a 403.
     */
    private static ApiException bare(ApiException e) {
        if (e.code() != ErrorCode.VALIDATION && e.code() != ErrorCode.BAD_REQUEST) {
            return e;
        }
        List<String> messages = new ArrayList<>();
        e.fieldErrors().values().forEach(messages::addAll);
        if (messages.isEmpty()) {
            messages.addAll(DatasetteErrorWriter.messages(e));
        }
        return DatasetteRequests.badRequest(messages);
    }
}
