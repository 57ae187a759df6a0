package datastore.infrastructure.engines.trino;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data dictionary of the Trino engine. Iceberg tables carry no CKAN types, keys, data dictionary
 * or aliases, so each datastore table keeps them as JSON in its own table comment (one Iceberg commit
 * with the DDL, no side table that could disagree); the engine mirrors them in memory and reads the
 * comments again when a name is not known or the mirror is older than the refresh interval, which is how
 * one instance sees tables another instance created.
 */
final class TrinoCatalog {
    /** Marks a table comment as ours, so other Iceberg tables in the schema are left alone. */
    private static final String MARK = "datastore";

    private static final JsonMapper JSON = JsonMappers.standard();

    /** Mutable per-table state; writes hold {@link #lock}. */
    static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile TableDef def;

        Entry(TableDef def) {
            this.def = def;
        }
    }

    private final TrinoDialect dialect;
    private final Map<String, Entry> tables = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final long refreshNanos;
    private volatile long loadedAt;

    TrinoCatalog(TrinoDialect dialect, java.time.Duration refresh) {
        this.dialect = dialect;
        this.refreshNanos = refresh.toNanos();
    }

    /** Reads every datastore table's definition from the table comments of the schema. */
    synchronized void load(Connection c) throws SQLException {
        Map<String, TableDef> found = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT table_name, comment FROM system.metadata.table_comments"
                + " WHERE catalog_name = ? AND schema_name = ?")) {
            p.setString(1, c.getCatalog());
            p.setString(2, dialect.schema());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    TableDef def = parse(rs.getString(2));
                    if (def != null) {
                        found.put(def.id(), def);
                    }
                }
            }
        }
        found.forEach((id, def) -> {
            Entry e = tables.get(id);
            if (e == null) {
                tables.put(id, new Entry(def));
            } else if (!e.lock.isLocked()) {
                // Keep the row count this instance maintains; the definition is the stored one.
                e.def = new TableDef(
                        def.id(), def.fields(), def.primaryKey(), def.indexes(), def.aliases(), e.def.rowCount());
            }
        });
        tables.entrySet()
                .removeIf(e ->
                        !found.containsKey(e.getKey()) && !e.getValue().lock.isLocked());
        aliases.clear();
        tables.values().forEach(e -> e.def.aliases().forEach(a -> aliases.put(a, e.def.id())));
        loadedAt = System.nanoTime();
    }

    boolean stale() {
        return System.nanoTime() - loadedAt > refreshNanos;
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(tables.get(id));
    }

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

    Map<String, Entry> tables() {
        return tables;
    }

    Map<String, String> aliases() {
        return aliases;
    }

    /** Stores the definition in the table's comment (its fields, key, indexes and aliases). */
    void save(Connection c, TableDef def) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMENT ON TABLE " + dialect.table(def.id()) + " IS "
                    + literal(JSON.writeValueAsString(json(def))));
        }
    }

    /** Publishes a committed definition to this instance's readers. */
    void publish(TableDef def, List<String> previousAliases) {
        previousAliases.forEach(aliases::remove);
        def.aliases().forEach(a -> aliases.put(a, def.id()));
        Entry e = tables.get(def.id());
        if (e == null) {
            tables.put(def.id(), new Entry(def));
        } else {
            e.def = def;
        }
    }

    void forget(String tableId) {
        Entry e = tables.remove(tableId);
        if (e != null) {
            e.def.aliases().forEach(aliases::remove);
        }
    }

    /** A SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static ObjectNode json(TableDef def) {
        ObjectNode o = JSON.createObjectNode();
        o.put(MARK, 1);
        o.put("id", def.id());
        ArrayNode fields = o.putArray("fields");
        for (ColumnDef f : def.fields()) {
            ObjectNode field = fields.addObject();
            field.put("id", f.id());
            field.put("type", f.type().typname());
            if (f.info() != null) {
                field.set("info", f.info());
            }
        }
        ArrayNode pk = o.putArray("primary_key");
        def.primaryKey().forEach(pk::add);
        ArrayNode indexes = o.putArray("indexes");
        for (List<String> ix : def.indexes()) {
            ArrayNode cols = indexes.addArray();
            ix.forEach(cols::add);
        }
        ArrayNode aliasList = o.putArray("aliases");
        def.aliases().forEach(aliasList::add);
        return o;
    }

    private static @Nullable TableDef parse(@Nullable String comment) {
        if (comment == null || !comment.startsWith("{")) {
            return null;
        }
        JsonNode o;
        try {
            o = JSON.readTree(comment);
        } catch (RuntimeException e) {
            return null;
        }
        if (!o.has(MARK) || !o.has("id")) {
            return null;
        }
        List<ColumnDef> fields = new ArrayList<>();
        for (JsonNode n : o.path("fields")) {
            JsonNode info = n.get("info");
            fields.add(new ColumnDef(
                    n.get("id").asString(),
                    FieldType.parse(n.get("type").asString()).orElse(FieldType.TEXT),
                    info == null || info.isNull() ? null : info));
        }
        List<List<String>> indexes = new ArrayList<>();
        for (JsonNode ix : o.path("indexes")) {
            indexes.add(strings(ix));
        }
        // The row count is not kept in the comment (it would need a commit per write): -1 until counted.
        return new TableDef(
                o.get("id").asString(),
                fields,
                strings(o.path("primary_key")),
                indexes,
                strings(o.path("aliases")),
                -1);
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) {
            out.add(n.asString());
        }
        return out;
    }
}
