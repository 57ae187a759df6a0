package datastore.api.datasette;

import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.text.Tilde;
import datastore.schemas.query.Search;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.schemas.write.FieldSpec;
import datastore.schemas.write.TableDesign;
import datastore.schemas.write.WriteMethod;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.Principal;
import datastore.services.read.SearchResult;
import datastore.services.tables.TableRef;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write side: create, insert, upsert, update, delete and drop, each translated to the shared write
 * service with Datasette's validation order and messages ({@code views/table.py}, {@code views/row.py},
 * {@code views/table_create_alter.py}).
 */
final class DatasetteWrites {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> INSERT_KEYS = Set.of("row", "rows", "return", "ignore", "replace", "alter");
    private static final Set<String> CREATE_KEYS =
            Set.of("table", "rows", "row", "columns", "pk", "pks", "ignore", "replace", "alter");
    private static final Set<String> UPDATE_KEYS = Set.of("update", "return", "alter");
    private static final Pattern TABLE_NAME = Pattern.compile("^(?!sqlite_)[^\\n]+$");
    /** The name a Datasette client uses for the row id of a table without a primary key. */
    private static final String ROWID = "rowid";

    private final DatasetteServices services;

    DatasetteWrites(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        add(routes, "/{db}/-/create", "datasette_create", "Create a table from columns or example rows.", this::create);
        add(routes, "/{db}/{table}/-/insert", "datasette_insert", "Insert rows.", ctx -> insert(ctx, false));
        add(
                routes,
                "/{db}/{table}/-/upsert",
                "datasette_upsert",
                "Insert or update rows by key.",
                ctx -> insert(ctx, true));
        add(routes, "/{db}/{table}/-/drop", "datasette_drop", "Drop a table.", this::drop);
        add(routes, "/{db}/{table}/{pks}/-/update", "datasette_update", "Update one row.", this::update);
        add(routes, "/{db}/{table}/{pks}/-/delete", "datasette_delete", "Delete one row.", this::deleteRow);
        return routes;
    }

    private void add(List<Route> routes, String path, String operation, String summary, Handler handler) {
        routes.add(DatasetteSurface.writeRoute(
                path, operation, summary, services.settings().maxPostBodyBytes(), handler));
        routes.add(DatasetteSurface.route(
                HandlerType.GET, path, operation + "_get", "Answers 405: the endpoint is POST only.", ctx -> {
                    throw ApiException.of(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
                }));
    }

    // ---- insert and upsert -------------------------------------------------------------------------

    private void insert(Context ctx, boolean upsert) {
        DatasetteRequests.database(ctx, services.settings());
        TableRef table = writable(ctx);
        require(
                ctx,
                AccessRequest.upsert(
                        upsert ? WriteMethod.UPSERT : WriteMethod.INSERT, table.id(), table.requestedName()),
                upsert ? "Permission denied: need both insert-row and update-row" : "Permission denied");
        JsonNode data = body(ctx);
        if (!data.isObject()) {
            throw bad("JSON must be a dictionary");
        }
        boolean hasRow = data.has("row");
        boolean hasRows = data.has("rows");
        if (!hasRow && !hasRows) {
            throw bad("JSON must have one or other of \"row\" or \"rows\"");
        }
        if (hasRow && hasRows) {
            throw bad("Cannot use \"row\" and \"rows\" at the same time");
        }
        List<ObjectNode> rows = new ArrayList<>();
        if (hasRow) {
            if (!(data.get("row") instanceof ObjectNode row)) {
                throw bad("\"row\" must be a dictionary");
            }
            rows.add(row);
        } else {
            if (!data.get("rows").isArray()) {
                throw bad("\"rows\" must be a list");
            }
            for (JsonNode r : data.get("rows")) {
                if (!(r instanceof ObjectNode row)) {
                    throw bad("\"rows\" must be a list of dictionaries");
                }
                rows.add(row);
            }
        }
        int max = services.settings().maxInsertRows();
        if (rows.size() > max) {
            throw bad("Too many rows, maximum allowed is " + max);
        }
        List<String> invalid = new ArrayList<>();
        for (String key : data.propertyNames()) {
            if (!INSERT_KEYS.contains(key)) {
                invalid.add("\"" + key + "\"");
            }
        }
        if (!invalid.isEmpty()) {
            throw bad("Invalid parameter: " + String.join(", ", invalid));
        }
        boolean ignore = truthy(data.get("ignore"));
        boolean replace = truthy(data.get("replace"));
        boolean alter = truthy(data.get("alter"));
        boolean returning = hasRow || truthy(data.get("return"));
        if (ignore && replace) {
            throw bad("Cannot use \"ignore\" and \"replace\" at the same time");
        }
        TableRef def = table;
        List<String> keys = keyColumns(def);
        Set<String> columns = new HashSet<>(def.columnIds());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode row = rows.get(i);
            if (!alter) {
                List<String> unknown = new ArrayList<>();
                for (String key : row.propertyNames()) {
                    if (!columns.contains(key) && !(upsert && isRowid(def, key))) {
                        unknown.add(key);
                    }
                }
                if (!unknown.isEmpty()) {
                    errors.add("Row " + i + " has invalid columns: " + String.join(", ", unknown));
                }
            }
            if (upsert) {
                List<String> missing = keys.stream()
                        .filter(k -> !row.has(k))
                        .map(k -> "\"" + k + "\"")
                        .toList();
                if (!missing.isEmpty()) {
                    errors.add("Row " + i + " is missing primary key column(s): " + String.join(", ", missing));
                }
                List<String> nulls = keys.stream()
                        .filter(k -> row.has(k) && row.get(k).isNull())
                        .map(k -> "\"" + k + "\"")
                        .toList();
                if (!nulls.isEmpty()) {
                    errors.add("Row " + i + " has null primary key column(s): " + String.join(", ", nulls));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw DatasetteRequests.badRequest(errors);
        }
        checkBlobs(rows);
        if (upsert && (ignore || replace)) {
            throw bad("Upsert does not support ignore or replace");
        }
        if (replace) {
            require(
                    ctx,
                    AccessRequest.upsert(WriteMethod.UPDATE, table.id(), table.requestedName()),
                    "Permission denied: need update-row to use \"replace\"");
        }
        Principal caller = null;
        if (alter) {
            caller = require(ctx, alterRequest(table), "Permission denied for alter-table");
        }
        List<ObjectNode> records = new ArrayList<>();
        rows.forEach(r -> records.add(WriteValues.stored(r)));
        List<FieldSpec> added = alter ? WriteValues.newColumns(rows, columns) : List.of();
        if (upsert) {
            upsertRows(table, def, records, rows.size() > 1, added, caller);
        } else {
            insertRows(table, def, records, ignore, replace, added, caller);
        }
        ObjectNode out = ok();
        if (returning) {
            TableRef now = current(table);
            out.set("rows", array(returned(now, records, upsert)));
        }
        ctx.status(upsert ? 200 : 201);
        DatasetteSurface.json(ctx, out);
    }

    /**
     * Datasette's upsert: a single row updates only the columns it sends; a batch goes through sqlite-utils'
     * {@code upsert_all}, which writes every column any row of the batch sends, as null where a row omits it.
     */
    private void upsertRows(
            TableRef table,
            TableRef def,
            List<ObjectNode> records,
            boolean batch,
            List<FieldSpec> added,
            @Nullable Principal caller) {
        List<ObjectNode> keyed = new ArrayList<>();
        Set<String> union = new LinkedHashSet<>();
        records.forEach(r -> r.propertyNames().forEach(union::add));
        for (ObjectNode r : records) {
            ObjectNode k = NODES.objectNode();
            for (String name : batch ? union : new LinkedHashSet<>(r.propertyNames())) {
                JsonNode v = r.get(name);
                k.set(isRowid(def, name) ? "_id" : name, v == null ? NODES.nullNode() : v);
            }
            keyed.add(k);
        }
        writeAltered(table, added, caller, WriteMethod.UPSERT, target -> keyed);
    }

    private void insertRows(
            TableRef table,
            TableRef def,
            List<ObjectNode> records,
            boolean ignore,
            boolean replace,
            List<FieldSpec> added,
            @Nullable Principal caller) {
        String intKey = integerKey(def);
        if (intKey != null) {
            assignKeys(intKey, records, maxKey(def, intKey));
        }
        if (!ignore && !replace) {
            if (!added.isEmpty()) {
                // New columns and rows in one transaction: a refused row leaves the table as it was.
                addColumns(table, added, records, caller);
                return;
            }
            engine(() -> {
                services.write().upsert(table, WriteMethod.INSERT, records, false);
                return null;
            });
            return;
        }
        if (replace) {
            writeAltered(
                    table,
                    added,
                    caller,
                    table.primaryKey().isEmpty() ? WriteMethod.INSERT : WriteMethod.UPSERT,
                    target -> replacing(target, records));
        } else {
            writeAltered(table, added, caller, WriteMethod.INSERT_IGNORE, target -> records);
        }
    }

    /**
     * Adds {@code added} columns, then writes the records by {@code method}; when the write is refused the
     * added columns are dropped again, so a refused batch leaves the table as it was.
     */
    private void writeAltered(
            TableRef table,
            List<FieldSpec> added,
            @Nullable Principal caller,
            WriteMethod method,
            Function<TableRef, List<ObjectNode>> records) {
        TableRef target = addColumns(table, added, List.of(), caller);
        try {
            List<ObjectNode> rows = records.apply(target);
            engine(() -> {
                services.write().upsert(target, method, rows, false);
                return null;
            });
        } catch (RuntimeException e) {
            if (!added.isEmpty()) {
                List<FieldSpec> keep = table.columnIds().stream()
                        .map(id -> new FieldSpec(id, null, null, null))
                        .toList();
                Principal who = caller == null ? Principal.ANONYMOUS : caller;
                services.write()
                        .create(table.id(), null, new TableDesign(keep, List.of(), null, null, null, true), who);
            }
            throw e;
        }
    }

    /** INSERT OR REPLACE replaces the whole row: every column the record omits becomes null. */
    private static List<ObjectNode> replacing(TableRef def, List<ObjectNode> records) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : records) {
            ObjectNode full = NODES.objectNode();
            for (String c : def.columnIds()) {
                JsonNode v = r.get(c);
                full.set(c, v == null ? NODES.nullNode() : v);
            }
            out.add(full);
        }
        return out;
    }

    /**
     * Adds {@code added} columns to the table (writing {@code records} in the same transaction) and returns
     * the table as it is now; the table unchanged when there is nothing to add and nothing to write.
     */
    private TableRef addColumns(
            TableRef table, List<FieldSpec> added, List<ObjectNode> records, @Nullable Principal caller) {
        if (added.isEmpty() && records.isEmpty()) {
            return table;
        }
        Principal who = caller == null ? Principal.ANONYMOUS : caller;
        engine(() -> services.write()
                .create(table.id(), null, new TableDesign(added, records, null, null, null, false), who));
        return current(table);
    }

    /** The rows a write returns, read back by key ({@code rowid} tables: the last rows inserted). */
    private List<ObjectNode> returned(TableRef def, List<ObjectNode> records, boolean upsert) {
        if (def.primaryKey().isEmpty() && !upsert) {
            List<ObjectNode> last = fetch(
                    def,
                    List.of(),
                    List.of(new Search.Sort("_id", true, Search.Nulls.DEFAULT, "_id desc")),
                    records.size());
            return last.reversed();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : records) {
            List<Search.Filter> filters = new ArrayList<>();
            if (def.primaryKey().isEmpty()) {
                JsonNode id = r.get(ROWID);
                if (id == null) {
                    continue;
                }
                filters.add(new Search.Filter("_id", id));
            } else {
                for (String k : def.primaryKey()) {
                    JsonNode v = r.get(k);
                    if (v == null || v.isNull()) {
                        break;
                    }
                    filters.add(new Search.Filter(k, v));
                }
                if (filters.size() < def.primaryKey().size()) {
                    continue;
                }
            }
            out.addAll(fetch(def, filters, null, 1));
        }
        return out;
    }

    // ---- update, delete, drop ----------------------------------------------------------------------

    private void update(Context ctx) {
        DatasetteRequests.database(ctx, services.settings());
        TableRef table = writable(ctx);
        JsonNode id = rowId(ctx, table);
        require(ctx, AccessRequest.upsert(WriteMethod.UPDATE, table.id(), table.requestedName()), "Permission denied");
        JsonNode data = body(ctx);
        if (!data.isObject()) {
            throw bad("JSON must be a dictionary");
        }
        if (!(data.get("update") instanceof ObjectNode update)) {
            throw bad("JSON must contain an update dictionary");
        }
        List<String> invalid = new ArrayList<>();
        for (String key : data.propertyNames()) {
            if (!UPDATE_KEYS.contains(key)) {
                invalid.add(key);
            }
        }
        if (!invalid.isEmpty()) {
            throw bad("Invalid keys: " + String.join(", ", invalid));
        }
        boolean alter = truthy(data.get("alter"));
        Principal caller = null;
        if (alter) {
            caller = require(ctx, alterRequest(table), "Permission denied for alter-table");
        }
        checkBlobs(List.of(update));
        List<FieldSpec> added =
                alter ? WriteValues.newColumns(List.of(update), new HashSet<>(table.columnIds())) : List.of();
        ObjectNode record = NODES.objectNode();
        record.set("_id", id);
        record.setAll(WriteValues.stored(update));
        writeAltered(table, added, caller, WriteMethod.UPDATE, target -> List.of(record));
        ObjectNode out = ok();
        if (truthy(data.get("return"))) {
            out.set("rows", array(fetch(current(table), List.of(new Search.Filter("_id", id)), null, 1)));
        }
        DatasetteSurface.json(ctx, out);
    }

    private void deleteRow(Context ctx) {
        DatasetteRequests.database(ctx, services.settings());
        TableRef table = writable(ctx);
        JsonNode id = rowId(ctx, table);
        Principal caller = require(
                ctx,
                AccessRequest.delete("datasette_delete", false, table.id(), table.requestedName()),
                "Permission denied");
        engine(() -> {
            services.write().delete(table, List.of(new Search.Filter("_id", id)), caller);
            return null;
        });
        DatasetteSurface.json(ctx, ok());
    }

    private void drop(Context ctx) {
        String db = DatasetteRequests.database(ctx, services.settings());
        TableRef table = writable(ctx);
        Principal caller = require(
                ctx,
                AccessRequest.delete("datasette_drop", true, table.id(), table.requestedName()),
                "Permission denied");
        boolean confirm;
        try {
            confirm = truthy(body(ctx).get("confirm"));
        } catch (ApiException e) {
            // Datasette reads a body that is not JSON as no confirmation; only a body too large is an error.
            if (e.code() == ErrorCode.PAYLOAD_TOO_LARGE) {
                throw e;
            }
            confirm = false;
        }
        ObjectNode out = ok();
        if (!confirm) {
            out.put("database", db);
            out.put("table", table.requestedName());
            out.put("row_count", table.rowCount());
            out.put("message", "Pass \"confirm\": true to confirm");
            DatasetteSurface.json(ctx, out);
            return;
        }
        engine(() -> {
            services.write().delete(table, null, caller);
            return null;
        });
        DatasetteSurface.json(ctx, out);
    }

    /**
     * The {@code _id} of the row the path's primary-key values name (comma-separated, each tilde-decoded;
     * the row id for a table without a primary key); 404 {@code Record not found: […]} when there is none.
     */
    private JsonNode rowId(Context ctx, TableRef def) {
        List<String> values = new ArrayList<>();
        for (String part : ctx.pathParam("pks").split(",", -1)) {
            values.add(Tilde.decode(part));
        }
        List<String> keys = def.primaryKey().isEmpty() ? List.of("_id") : def.primaryKey();
        if (values.size() != keys.size()) {
            throw bad("Wrong number of primary key values: expected " + keys.size() + ", got " + values.size());
        }
        List<Search.Filter> filters = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            filters.add(new Search.Filter(keys.get(i), NODES.stringNode(values.get(i))));
        }
        List<ObjectNode> found;
        try {
            found = fetchRaw(def, filters);
        } catch (ApiException e) {
            // A value the key column's type cannot hold names no row.
            found = List.of();
        }
        if (found.isEmpty()) {
            throw DatasetteRequests.notFound("Record not found: " + pythonList(values));
        }
        return found.getFirst().get("_id");
    }

    private static String pythonList(List<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add("'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'");
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    // ---- create ------------------------------------------------------------------------------------

    private void create(Context ctx) {
        String db = DatasetteRequests.database(ctx, services.settings());
        JsonNode data = body(ctx);
        if (!data.isObject()) {
            throw bad("JSON must be a dictionary");
        }
        List<String> invalid = new ArrayList<>();
        for (String key : data.propertyNames()) {
            if (!CREATE_KEYS.contains(key)) {
                invalid.add(key);
            }
        }
        if (!invalid.isEmpty()) {
            throw bad("Invalid keys: " + String.join(", ", invalid));
        }
        boolean ignore = truthy(data.get("ignore"));
        boolean replace = truthy(data.get("replace"));
        boolean hasRowData = truthy(data.get("row")) || truthy(data.get("rows"));
        if (ignore && replace) {
            throw bad("ignore and replace are mutually exclusive");
        }
        if ((data.has("ignore") || data.has("replace")) && !hasRowData) {
            throw bad("ignore and replace require row or rows");
        }
        if ((data.has("ignore") || data.has("replace")) && !truthy(data.get("pk")) && !truthy(data.get("pks"))) {
            throw bad("ignore and replace require pk or pks");
        }
        JsonNode nameNode = data.get("table");
        if (!truthy(nameNode)) {
            throw bad("Table is required");
        }
        String name = nameNode.isString() ? nameNode.asString() : "";
        if (!TABLE_NAME.matcher(name).matches()) {
            throw bad("Invalid table name");
        }
        JsonNode columnsNode = data.get("columns");
        if (!truthy(columnsNode) && !hasRowData) {
            throw bad("columns, rows or row is required");
        }
        if (truthy(data.get("row")) && truthy(data.get("rows"))) {
            throw bad("Cannot specify both rows and row");
        }
        TableRef existing = services.tables().find(name).orElse(null);
        boolean alterRequested = truthy(data.get("alter"));
        List<FieldSpec> declared = new ArrayList<>();
        if (truthy(columnsNode)) {
            if (hasRowData) {
                throw bad("Cannot specify columns with rows or row");
            }
            if (!columnsNode.isArray()) {
                throw bad("columns must be a list");
            }
            Set<String> seen = new HashSet<>();
            Set<String> dupes = new LinkedHashSet<>();
            for (JsonNode c : columnsNode) {
                if (!c.isObject()) {
                    throw bad("columns must be a list of objects");
                }
                JsonNode cn = c.get("name");
                if (cn == null || !cn.isString() || cn.asString().isEmpty()) {
                    throw bad("Column name is required");
                }
                JsonNode ct = c.get("type");
                String typeName = truthy(ct) ? (ct.isString() ? ct.asString() : ct.toString()) : "text";
                WriteValues.ColumnType type = WriteValues.ColumnType.parse(typeName);
                if (type == null) {
                    throw bad("Unsupported column type: " + typeName);
                }
                if (!seen.add(cn.asString())) {
                    dupes.add(cn.asString());
                }
                declared.add(type.field(cn.asString()));
            }
            if (!dupes.isEmpty()) {
                throw bad("Duplicate column name: " + String.join(", ", dupes));
            }
        }
        List<ObjectNode> rows = new ArrayList<>();
        if (truthy(data.get("row"))) {
            if (!(data.get("row") instanceof ObjectNode row)) {
                throw bad("rows must be a list of objects");
            }
            rows.add(row);
        } else if (truthy(data.get("rows"))) {
            if (!data.get("rows").isArray()) {
                throw bad("rows must be a list");
            }
            for (JsonNode r : data.get("rows")) {
                if (!(r instanceof ObjectNode row)) {
                    throw bad("rows must be a list of objects");
                }
                rows.add(row);
            }
        }
        JsonNode pk = data.get("pk");
        JsonNode pks = data.get("pks");
        if (truthy(pk) && truthy(pks)) {
            throw bad("Cannot specify both pk and pks");
        }
        List<String> keys = new ArrayList<>();
        if (truthy(pk)) {
            if (!pk.isString()) {
                throw bad("pk must be a string");
            }
            keys.add(pk.asString());
        }
        if (truthy(pks)) {
            if (!pks.isArray()) {
                throw bad("pks must be a list");
            }
            for (JsonNode k : pks) {
                if (!k.isString()) {
                    throw bad("pks must be a list of strings");
                }
                keys.add(k.asString());
            }
        }
        if (existing != null) {
            List<String> actual = existing.primaryKey();
            boolean changed =
                    (actual.size() == 1 && truthy(pk) && !pk.asString().equals(actual.getFirst()))
                            || (actual.size() > 1 && truthy(pks) && !new HashSet<>(keys).equals(new HashSet<>(actual)));
            if (changed) {
                throw bad("pk cannot be changed for existing table");
            }
        }
        Principal caller = require(ctx, AccessRequest.create(name, "", !rows.isEmpty()), "Permission denied");
        if (replace) {
            String target = existing == null ? name : existing.id();
            require(ctx, AccessRequest.upsert(WriteMethod.UPDATE, target, name), "Permission denied: need update-row");
        }
        checkBlobs(rows);
        TableRef after;
        if (rows.isEmpty()) {
            if (existing != null) {
                throw bad("table " + WriteValues.quote(name) + " already exists");
            }
            after = createTable(name, declared, List.of(), keys, caller);
        } else if (existing == null) {
            List<FieldSpec> inferred = WriteValues.newColumns(rows, Set.of());
            List<ObjectNode> stored = new ArrayList<>();
            rows.forEach(r -> stored.add(WriteValues.stored(r)));
            if (keys.size() == 1
                    && inferred.stream()
                            .filter(f -> f.id().equals(keys.getFirst()))
                            .allMatch(f -> f.type() != null && isInteger(f.type()))) {
                assignKeys(keys.getFirst(), stored, 0);
            }
            List<ObjectNode> records = dedupe(stored, keys, ignore, replace);
            after = createTable(name, inferred, records, keys, caller);
        } else {
            if (existing.viaAlias()) {
                throw DatasetteRequests.notFound("Table not found: " + name);
            }
            boolean alter = false;
            if (alterRequested) {
                require(ctx, alterRequest(existing), "Permission denied: need alter-table");
                alter = true;
            }
            Set<String> columns = new HashSet<>(existing.columnIds());
            if (!alter) {
                for (ObjectNode r : rows) {
                    for (String key : r.propertyNames()) {
                        if (!columns.contains(key)) {
                            throw bad("table " + name + " has no column named " + key);
                        }
                    }
                }
            }
            List<ObjectNode> records = new ArrayList<>();
            rows.forEach(r -> records.add(WriteValues.stored(r)));
            List<FieldSpec> added = alter ? WriteValues.newColumns(rows, columns) : List.of();
            insertRows(existing, existing, records, ignore, replace, added, caller);
            after = current(existing);
        }
        ObjectNode out = ok();
        String tableUrl = baseUrl(ctx) + "/" + Tilde.encode(db) + "/" + Tilde.encode(name);
        out.put("database", db);
        out.put("table", name);
        out.put("table_url", tableUrl);
        out.put("table_api_url", tableUrl + ".json");
        out.put("schema", WriteValues.schema(after));
        if (!rows.isEmpty()) {
            out.put("row_count", rows.size());
        }
        ctx.status(201);
        DatasetteSurface.json(ctx, out);
    }

    /**
     * A new table: the declared (or inferred) columns, a key column of type integer added first when the
     * primary key names a column no row or declaration has.
     */
    private TableRef createTable(
            String name, List<FieldSpec> fields, List<ObjectNode> records, List<String> keys, Principal caller) {
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        for (String k : keys) {
            if (fields.stream().noneMatch(f -> f.id().equals(k))) {
                byName.put(k, WriteValues.ColumnType.INTEGER.field(k));
            }
        }
        fields.forEach(f -> byName.put(f.id(), f));
        TableDesign design = new TableDesign(
                new ArrayList<>(byName.values()), records, keys.isEmpty() ? null : keys, null, null, false);
        engine(() -> services.write().create(name, null, design, caller));
        return services.tables().find(name).orElseThrow(() -> DatasetteRequests.notFound("Table not found: " + name));
    }

    /**
     * An INTEGER PRIMARY KEY: a row sent without its key (or with null) gets the next value above the
     * largest in the table and the batch, as SQLite assigns a rowid.
     */
    private static void assignKeys(String key, List<ObjectNode> records, long max) {
        long next = max;
        for (ObjectNode r : records) {
            JsonNode v = r.get(key);
            // A key beyond 64 bits is left for the value check to refuse with the column's message.
            if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
                next = Math.max(next, v.longValue());
            }
        }
        for (ObjectNode r : records) {
            JsonNode v = r.get(key);
            if (v == null || v.isNull()) {
                r.put(key, ++next);
            }
        }
    }

    /** The single integer primary-key column, if the table has one. */
    private static @Nullable String integerKey(TableRef def) {
        if (def.primaryKey().size() != 1) {
            return null;
        }
        String key = def.primaryKey().getFirst();
        return def.column(key).filter(c -> isInteger(c.type())).map(c -> key).orElse(null);
    }

    private static boolean isInteger(FieldType type) {
        return !type.array()
                && (type.base() == BaseType.INT8 || type.base() == BaseType.INT4 || type.base() == BaseType.INT2);
    }

    /** The largest value of integer column {@code key}, 0 for an empty table. */
    private long maxKey(TableRef def, String key) {
        Search search = new Search(
                List.of(),
                null,
                List.of(key),
                List.of(new Search.Sort(key, true, Search.Nulls.LAST, key + " desc")),
                1,
                0,
                false,
                false,
                null);
        try (SearchResult result = services.read().search(def, search)) {
            return result.rows().next() && result.rows().value(0) instanceof Number n ? n.longValue() : 0;
        }
    }

    /** Rows of one batch sharing a key: INSERT OR IGNORE keeps the first, INSERT OR REPLACE the last. */
    private static List<ObjectNode> dedupe(List<ObjectNode> rows, List<String> keys, boolean ignore, boolean replace) {
        if (keys.isEmpty() || (!ignore && !replace)) {
            return rows;
        }
        Map<List<String>, ObjectNode> byKey = new LinkedHashMap<>();
        for (ObjectNode r : rows) {
            List<String> key = keys.stream().map(k -> String.valueOf(r.get(k))).toList();
            if (replace) {
                byKey.remove(key);
                byKey.put(key, r);
            } else {
                byKey.putIfAbsent(key, r);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    // ---- shared helpers ----------------------------------------------------------------------------

    /** The table the path names, which must be a table (not an alias): 404 {@code Table not found: X}. */
    private TableRef writable(Context ctx) {
        return DatasetteRequests.writableTable(ctx, services.tables());
    }

    private TableRef current(TableRef table) {
        return services.tables()
                .find(table.id())
                .orElseThrow(() -> DatasetteRequests.notFound("Table not found: " + table.requestedName()));
    }

    private JsonNode body(Context ctx) {
        return DatasetteRequests.body(ctx, services.limit());
    }

    /** Asks the access service; a refusal is Datasette's 403 with {@code message}. */
    private Principal require(Context ctx, AccessRequest request, String message) {
        try {
            return services.gate().require(ctx, request);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_AUTHORIZED) {
                throw DatasetteRequests.forbidden(message);
            }
            throw e;
        }
    }

    /** Datasette's alter-table: reshaping an existing table, the datastore's create on it. */
    private static AccessRequest alterRequest(TableRef table) {
        return AccessRequest.create(table.id(), "", false);
    }

    /**
     * Runs a service call; a value the column refuses or a constraint the engine enforces is a 400 with the
     * engine's own message (without the CKAN field name it travels under).
     */
    private static <T> T engine(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (e.code() != ErrorCode.VALIDATION && e.code() != ErrorCode.INTEGRITY) {
                throw e;
            }
            List<String> messages = new ArrayList<>();
            e.fieldErrors().values().forEach(messages::addAll);
            Object info = e.extras().get("info");
            if (info instanceof Map<?, ?> map && map.get("orig") instanceof List<?> orig && !orig.isEmpty()) {
                messages.clear();
                orig.forEach(o -> messages.add(String.valueOf(o)));
            }
            if (messages.isEmpty()) {
                messages.add(e.getMessage() == null ? "Invalid request" : e.getMessage());
            }
            throw DatasetteRequests.badRequest(messages);
        }
    }

    /** Every {@code $base64} value must decode (Datasette decodes them before writing). */
    private static void checkBlobs(List<ObjectNode> rows) {
        for (ObjectNode r : rows) {
            for (Map.Entry<String, JsonNode> e : r.properties()) {
                if (WriteValues.isBase64(e.getValue()) && !WriteValues.decodable(e.getValue())) {
                    throw bad("Invalid base64 in column " + e.getKey());
                }
            }
        }
    }

    /** The key columns an upsert row must carry: the primary key, or {@code rowid} for a table without one. */
    private static List<String> keyColumns(TableRef def) {
        return def.primaryKey().isEmpty() ? List.of(ROWID) : def.primaryKey();
    }

    private static boolean isRowid(TableRef def, String key) {
        return def.primaryKey().isEmpty() && key.equals(ROWID);
    }

    private List<ObjectNode> fetch(
            TableRef def, List<Search.Filter> filters, @Nullable List<Search.Sort> sort, int limit) {
        Search search = new Search(filters, null, null, sort, limit, 0, false, false, null);
        try (SearchResult result = services.read().search(def, search)) {
            return WriteValues.rows(result, def);
        }
    }

    /** Rows with their {@code _id} (for addressing), values as the datastore renders them. */
    private List<ObjectNode> fetchRaw(TableRef def, List<Search.Filter> filters) {
        Search search = new Search(filters, null, List.of("_id"), null, 1, 0, false, false, null);
        try (SearchResult result = services.read().search(def, search)) {
            List<ObjectNode> out = new ArrayList<>();
            while (result.rows().next()) {
                ObjectNode row = NODES.objectNode();
                row.put("_id", ((Number) result.rows().value(0)).longValue());
                out.add(row);
            }
            return out;
        }
    }

    private static String baseUrl(Context ctx) {
        String host = ctx.host();
        return ctx.scheme() + "://" + (host == null ? "localhost" : host);
    }

    private static ObjectNode ok() {
        ObjectNode o = NODES.objectNode();
        o.put("ok", true);
        return o;
    }

    private static ArrayNode array(List<ObjectNode> rows) {
        ArrayNode a = NODES.arrayNode();
        rows.forEach(a::add);
        return a;
    }

    /** Python's truthiness of a JSON value: false for absent, null, false, 0, "" and empty containers. */
    static boolean truthy(@Nullable JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.doubleValue() != 0;
        }
        if (v.isString()) {
            return !v.asString().isEmpty();
        }
        return v.size() > 0;
    }

    private static ApiException bad(String message) {
        return DatasetteRequests.badRequest(message);
    }
}
