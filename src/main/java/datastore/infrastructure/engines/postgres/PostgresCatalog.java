package datastore.infrastructure.engines.postgres;

import datastore.core.json.JsonMappers;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.TableName;
import datastore.schemas.types.FieldType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads datastore tables from PostgreSQL's own catalog, laid out as CKAN's DataStore lays them out: a
 * table per resource in the schema, {@code _id}/{@code _full_text} plus user columns, the data
 * dictionary in column comments, a unique index as primary key, views as aliases. Nothing is cached,
 * so tables that CKAN (or anyone) changes are seen at once.
 */
final class PostgresCatalog {
    /** Below this heap size an exact count(*) is cheap enough for {@code datastore_info}. */
    private static final long EXACT_COUNT_MAX_BYTES = 16L << 20;

    private static final JsonMapper JSON = JsonMappers.standard();
    private static final Pattern QUOTED = Pattern.compile("^\"((?:[^\"]|\"\")*)\"$");
    private static final Pattern PLAIN = Pattern.compile("^[a-z_][a-z0-9_$]*$");
    private static final Pattern NESTED_KEY = Pattern.compile("^\\(\\((.+)\\)\\.json::text\\)$");
    private static final String NAMESPACE = "(SELECT oid FROM pg_namespace WHERE nspname = ?)";
    private static final String HAS_ID = "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = %s.oid"
            + " AND a.attname = '_id' AND a.attnum > 0 AND NOT a.attisdropped)";
    private static final String ALIAS_JOIN = " FROM pg_class v JOIN pg_rewrite r ON r.ev_class = v.oid"
            + " JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            + " AND d.refclassid = 'pg_class'::regclass JOIN pg_class t ON t.oid = d.refobjid"
            + " WHERE v.relkind = 'v' AND t.oid <> v.oid AND t.relkind IN ('r', 'p')"
            + " AND v.relnamespace = t.relnamespace AND t.relnamespace = " + NAMESPACE + " AND "
            + HAS_ID.formatted("t");

    private final PostgresDialect dialect;

    PostgresCatalog(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    /** The table a table name or alias names. */
    Optional<PostgresTable> resolve(Connection c, String idOrAlias) throws SQLException {
        Optional<PostgresTable> table = table(c, idOrAlias);
        if (table.isPresent()) {
            return table;
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT t.oid, t.relname" + ALIAS_JOIN + " AND v.relname = ? ORDER BY t.oid LIMIT 1")) {
            p.setString(1, dialect.schema());
            p.setString(2, idOrAlias);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(load(c, rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The table of this name; aliases are not followed. */
    Optional<PostgresTable> table(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT c.oid FROM pg_class c WHERE c.relnamespace = " + NAMESPACE
                + " AND c.relname = ? AND c.relkind IN ('r', 'p') AND " + HAS_ID.formatted("c"))) {
            p.setString(1, dialect.schema());
            p.setString(2, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(load(c, rs.getLong(1), id)) : Optional.empty();
            }
        }
    }

    /** Every datastore table, then every alias, by name. */
    List<TableName> tables(Connection c) throws SQLException {
        List<TableName> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                + NAMESPACE + " AND c.relkind IN ('r', 'p') AND " + HAS_ID.formatted("c") + " ORDER BY c.relname")) {
            p.setString(1, dialect.schema());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableName(rs.getString(1), null));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT DISTINCT v.relname, t.relname" + ALIAS_JOIN + " ORDER BY v.relname, t.relname")) {
            p.setString(1, dialect.schema());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new TableName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private PostgresTable load(Connection c, long oid, String id) throws SQLException {
        Map<String, PostgresTable.Column> columns = new LinkedHashMap<>();
        List<ColumnDef> fields = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum)"
                        + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                        + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            p.setLong(1, oid);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.startsWith("_")) {
                        continue;
                    }
                    String typname = rs.getString(2);
                    boolean nested = typname.equals("nested");
                    @Nullable String comment = rs.getString(4);
                    @Nullable ObjectNode raw = parseComment(comment);
                    boolean old = raw != null && comment != null && !comment.startsWith(" ");
                    columns.put(name, new PostgresTable.Column(name, rs.getString(3), nested, raw, old));
                    // Types outside CKAN's documented set are read and filtered as text.
                    FieldType type =
                            nested ? FieldType.JSON : FieldType.parse(typname).orElse(FieldType.TEXT);
                    fields.add(new ColumnDef(name, type, info(raw, old)));
                }
            }
        }
        List<PostgresTable.Index> indexes = indexes(c, oid, columns);
        List<String> primaryKey = indexes.stream()
                .filter(i -> i.unique() && !i.primary() && !i.columns().isEmpty())
                .findFirst()
                .map(PostgresTable.Index::columns)
                .orElse(List.of());
        List<List<String>> plain = indexes.stream()
                .filter(i -> !i.unique() && !i.columns().isEmpty())
                .map(PostgresTable.Index::columns)
                .toList();
        TableDef def = new TableDef(id, fields, primaryKey, plain, aliases(c, oid), rowCount(c, oid, id));
        return new PostgresTable(def, oid, columns, indexes);
    }

    private static List<PostgresTable.Index> indexes(Connection c, long oid, Map<String, PostgresTable.Column> columns)
            throws SQLException {
        List<PostgresTable.Index> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT i.relname, x.indisunique, x.indisprimary,"
                + " ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k"
                + " ORDER BY k), x.indpred IS NOT NULL"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ? ORDER BY i.oid")) {
            p.setLong(1, oid);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    List<String> names = new ArrayList<>();
                    Array keys = rs.getArray(4);
                    boolean usable = !rs.getBoolean(5);
                    for (Object key : (Object[]) keys.getArray()) {
                        Optional<String> name = columnOf((String) key).filter(columns::containsKey);
                        if (name.isEmpty()) {
                            usable = false;
                            break;
                        }
                        names.add(name.get());
                    }
                    keys.free();
                    out.add(new PostgresTable.Index(
                            rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), usable ? names : List.of()));
                }
            }
        }
        return out;
    }

    /** The column an index key names: a plain or quoted identifier, or CKAN's {@code ((col).json::text)}. */
    static Optional<String> columnOf(String key) {
        Matcher nested = NESTED_KEY.matcher(key);
        String ident = nested.matches() ? nested.group(1) : key;
        Matcher quoted = QUOTED.matcher(ident);
        if (quoted.matches()) {
            return Optional.of(quoted.group(1).replace("\"\"", "\""));
        }
        return PLAIN.matcher(ident).matches() ? Optional.of(ident) : Optional.empty();
    }

    /** Views over the table, newest first (CKAN's {@code _table_metadata} order). */
    private List<String> aliases(Connection c, long oid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT DISTINCT v.oid, v.relname" + ALIAS_JOIN + " AND t.oid = ? ORDER BY v.oid DESC")) {
            p.setString(1, dialect.schema());
            p.setLong(2, oid);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(2));
                }
            }
        }
        return out;
    }

    /**
     * Exact for tables small enough to count cheaply; above that the planner's figure (or the live-tuple
     * statistic before the first ANALYZE), so that looking a table up never scans a large one.
     */
    private long rowCount(Connection c, long oid, String id) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT c.reltuples::bigint, pg_relation_size(c.oid), pg_stat_get_live_tuples(c.oid)"
                        + " FROM pg_class c WHERE c.oid = ?")) {
            p.setLong(1, oid);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getLong(2) >= EXACT_COUNT_MAX_BYTES) {
                    return rs.getLong(1) >= 0 ? rs.getLong(1) : rs.getLong(3);
                }
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + dialect.table(id))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Estimated rows from the planner's statistics; negative when the table was never analysed. */
    long estimatedRows(Connection c, String id) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT c.reltuples::bigint FROM pg_class c WHERE c.relnamespace = " + NAMESPACE
                        + " AND c.relname = ?")) {
            p.setString(1, dialect.schema());
            p.setString(2, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static @Nullable ObjectNode parseComment(@Nullable String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(comment.strip());
            return n instanceof ObjectNode o ? o : null;
        } catch (JacksonException e) {
            // CKAN, too, ignores comments that are not its JSON.
            return null;
        }
    }

    /** CKAN 2.11 keeps the data dictionary under {@code _info}; earlier versions stored it whole. */
    private static @Nullable JsonNode info(@Nullable ObjectNode raw, boolean old) {
        if (raw == null) {
            return null;
        }
        if (old) {
            return raw;
        }
        JsonNode info = raw.get("_info");
        return info == null || info.isNull() ? null : info;
    }

    /** The comment text CKAN writes: a space (its format version), then compact JSON. */
    static String commentText(PostgresTable.@Nullable Column existing, JsonNode info) {
        ObjectNode raw = existing == null || existing.comment() == null || existing.oldComment()
                ? JSON.createObjectNode()
                : existing.comment().deepCopy();
        raw.set("_info", info);
        return " " + JSON.writeValueAsString(raw);
    }
}
