package datastore.infrastructure.engines.duckdb;

import datastore.core.json.JsonMappers;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.FieldType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's data dictionary: table definitions, row counts, next {@code _id}s and aliases, kept in
 * the {@code _datastore} schema and mirrored in memory so lookups cost no query.
 */
final class DuckDbCatalog {
    static final String SCHEMA = "_datastore";
    private static final JsonMapper JSON = JsonMappers.standard();

    /** Mutable per-table state; guarded by {@link #lock} for writes. */
    static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile TableDef def;
        volatile long nextId;

        Entry(TableDef def, long nextId) {
            this.def = def;
            this.nextId = nextId;
        }
    }

    private final Map<String, Entry> tables = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    void bootstrap(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".tables (id VARCHAR PRIMARY KEY, fields VARCHAR,"
                    + " primary_key VARCHAR, indexes VARCHAR, row_count BIGINT, next_id BIGINT)");
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA
                    + ".aliases (name VARCHAR PRIMARY KEY, table_id VARCHAR, created TIMESTAMP)");
            // Staging tables of a crashed write are left behind only if the process died mid-transaction.
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() WHERE schema_name = '" + SCHEMA
                    + "' AND table_name LIKE 'stage_%'")) {
                List<String> stale = new ArrayList<>();
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
                for (String t : stale) {
                    try (Statement d = c.createStatement()) {
                        d.execute("DROP TABLE IF EXISTS " + SCHEMA + ".\"" + t + "\"");
                    }
                }
            }
        }
        load(c);
    }

    private void load(Connection c) throws SQLException {
        Map<String, List<String>> aliasByTable = new ConcurrentHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT name, table_id FROM " + SCHEMA + ".aliases ORDER BY created DESC")) {
            while (rs.next()) {
                aliases.put(rs.getString(1), rs.getString(2));
                aliasByTable
                        .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                        .add(rs.getString(1));
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT id, fields, primary_key, indexes, row_count, next_id FROM " + SCHEMA + ".tables")) {
            while (rs.next()) {
                String id = rs.getString(1);
                TableDef def = new TableDef(
                        id,
                        fieldsFrom(rs.getString(2)),
                        stringsFrom(JSON.readTree(rs.getString(3))),
                        indexesFrom(rs.getString(4)),
                        aliasByTable.getOrDefault(id, List.of()),
                        rs.getLong(5));
                tables.put(id, new Entry(def, rs.getLong(6)));
            }
        }
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(tables.get(id));
    }

    /** Resolves a table id or alias to its table entry. */
    Optional<Entry> resolve(String idOrAlias) {
        Entry e = tables.get(idOrAlias);
        if (e != null) {
            return Optional.of(e);
        }
        String target = aliases.get(idOrAlias);
        return target == null ? Optional.empty() : Optional.ofNullable(tables.get(target));
    }

    boolean isAlias(String name) {
        return aliases.containsKey(name);
    }

    Optional<String> aliasTarget(String name) {
        return Optional.ofNullable(aliases.get(name));
    }

    Map<String, Entry> tables() {
        return tables;
    }

    Map<String, String> aliases() {
        return aliases;
    }

    /** Writes a table's definition row inside the caller's transaction. */
    void save(Connection c, TableDef def, long nextId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO " + SCHEMA
                + ".tables (id, fields, primary_key, indexes, row_count, next_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, def.id());
            p.setString(2, fieldsJson(def.fields()));
            p.setString(3, JSON.writeValueAsString(def.primaryKey()));
            p.setString(4, JSON.writeValueAsString(def.indexes()));
            p.setLong(5, def.rowCount());
            p.setLong(6, nextId);
            p.executeUpdate();
        }
    }

    /** Updates only the counters, the common case after a write. */
    void saveCounts(Connection c, String id, long rowCount, long nextId) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("UPDATE " + SCHEMA + ".tables SET row_count = ?, next_id = ? WHERE id = ?")) {
            p.setLong(1, rowCount);
            p.setLong(2, nextId);
            p.setString(3, id);
            p.executeUpdate();
        }
    }

    void replaceAliases(Connection c, String tableId, List<String> names) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + SCHEMA + ".aliases WHERE table_id = ?")) {
            p.setString(1, tableId);
            p.executeUpdate();
        }
        // Newest first is CKAN's order; insert in reverse so the first listed gets the latest timestamp.
        long base = System.currentTimeMillis();
        for (int i = 0; i < names.size(); i++) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO " + SCHEMA + ".aliases (name, table_id, created) VALUES (?, ?, ?)")) {
                p.setString(1, names.get(i));
                p.setString(2, tableId);
                p.setTimestamp(3, new java.sql.Timestamp(base - i));
                p.executeUpdate();
            }
        }
    }

    void delete(Connection c, String tableId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + SCHEMA + ".tables WHERE id = ?")) {
            p.setString(1, tableId);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + SCHEMA + ".aliases WHERE table_id = ?")) {
            p.setString(1, tableId);
            p.executeUpdate();
        }
    }

    /** Publishes a committed definition to readers. */
    void publish(TableDef def, long nextId, List<String> previousAliases) {
        previousAliases.forEach(aliases::remove);
        def.aliases().forEach(a -> aliases.put(a, def.id()));
        Entry e = tables.get(def.id());
        if (e == null) {
            tables.put(def.id(), new Entry(def, nextId));
        } else {
            e.def = def;
            e.nextId = nextId;
        }
    }

    void forget(String tableId) {
        Entry e = tables.remove(tableId);
        if (e != null) {
            e.def.aliases().forEach(aliases::remove);
        }
    }

    private static String fieldsJson(List<ColumnDef> fields) {
        ArrayNode arr = JSON.createArrayNode();
        for (ColumnDef f : fields) {
            ObjectNode o = arr.addObject();
            o.put("id", f.id());
            o.put("type", f.type().typname());
            if (f.info() != null) {
                o.set("info", f.info());
            }
        }
        return JSON.writeValueAsString(arr);
    }

    private static List<ColumnDef> fieldsFrom(String json) {
        List<ColumnDef> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            JsonNode info = n.get("info");
            out.add(new ColumnDef(
                    n.get("id").asString(),
                    FieldType.parse(n.get("type").asString()).orElse(FieldType.TEXT),
                    info == null || info.isNull() ? null : info));
        }
        return out;
    }

    private static List<List<String>> indexesFrom(String json) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            out.add(stringsFrom(n));
        }
        return out;
    }

    private static List<String> stringsFrom(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) {
            out.add(n.asString());
        }
        return out;
    }
}
