package datastore.infrastructure.engines.postgres;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.AlterTable;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.TableStats;
import datastore.infrastructure.engines.sql.AlterSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * DDL in CKAN's layout: {@code _id serial primary key}, {@code _full_text tsvector} kept by CKAN's
 * {@code zfulltext} trigger and indexed with GIN, the data dictionary as column comments, the primary
 * key as a unique index and aliases as views, with CKAN's index names.
 */
final class PostgresSchema {
    static final String TRIGGER_FUNCTION = "populate_full_text_trigger";

    private final PostgresDialect dialect;

    PostgresSchema(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    /** CKAN's trigger function (set_permissions.sql), created where it is missing. */
    static String triggerFunction(String qualifiedName) {
        return "CREATE FUNCTION " + qualifiedName + "() RETURNS trigger AS $body$\n"
                + "    BEGIN\n"
                + "        IF NEW._full_text IS NOT NULL THEN\n"
                + "            RETURN NEW;\n"
                + "        END IF;\n"
                + "        NEW._full_text := (\n"
                + "            SELECT to_tsvector(string_agg(value, ' '))\n"
                + "            FROM json_each_text(row_to_json(NEW.*))\n"
                + "            WHERE key NOT LIKE '\\_%');\n"
                + "        RETURN NEW;\n"
                + "    END;\n"
                + "$body$ LANGUAGE plpgsql";
    }

    /** Creates the table as CKAN's {@code create_table} does, with its trigger and full-text index. */
    void createTable(Connection c, CreateTable cmd) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ")
                .append(dialect.table(cmd.id()))
                .append(" (\"_id\" serial primary key, \"_full_text\" tsvector");
        for (ColumnDef col : cmd.columns()) {
            ddl.append(", ").append(dialect.quote(col.id())).append(' ').append(dialect.columnType(col.type()));
        }
        ddl.append(')');
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            s.execute("CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON " + dialect.table(cmd.id())
                    + " FOR EACH ROW EXECUTE PROCEDURE " + TRIGGER_FUNCTION + "()");
            s.execute("CREATE INDEX " + dialect.quote(indexName(cmd.id(), "\"_full_text\"")) + " ON "
                    + dialect.table(cmd.id()) + " USING gin(\"_full_text\")");
        }
        comment(c, cmd.id(), Map.of(), cmd.columns());
    }

    /** Adds new columns and drops the ones no longer listed (CKAN's {@code alter_table}). */
    void alterTable(Connection c, PostgresTable before, CreateTable cmd) throws SQLException {
        Set<String> wanted = cmd.columns().stream().map(ColumnDef::id).collect(Collectors.toSet());
        try (Statement s = c.createStatement()) {
            for (String id : before.def().fieldIds()) {
                if (!wanted.contains(id)) {
                    s.execute("ALTER TABLE " + dialect.table(cmd.id()) + " DROP COLUMN " + dialect.quote(id));
                }
            }
            for (ColumnDef col : cmd.columns()) {
                if (before.column(col.id()) == null) {
                    s.execute("ALTER TABLE " + dialect.table(cmd.id()) + " ADD COLUMN " + dialect.quote(col.id()) + " "
                            + dialect.columnType(col.type()));
                }
            }
        }
        List<ColumnDef> changed = new ArrayList<>();
        for (ColumnDef col : cmd.columns()) {
            ColumnDef old = before.def().field(col.id()).orElse(null);
            if (col.info() != null && (old == null || !Objects.equals(old.info(), col.info()))) {
                changed.add(col);
            }
        }
        comment(c, cmd.id(), before.columns(), changed);
    }

    /**
     * Reshapes an existing table (Datasette's alter) in the caller's transaction, keeping CKAN's layout:
     * renamed columns keep their comments, the trigger and indexes follow a renamed table, and a new
     * column order rebuilds the table in that order. The caller drops and recreates the alias views.
     *
     * @return whether the table was rebuilt (its indexes are then to be created again)
     */
    boolean alter(Connection c, PostgresTable before, AlterTable cmd) throws SQLException {
        String id = before.id();
        List<String> physical = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            List<String> dropped = cmd.dropped();
            for (String gone : dropped) {
                s.execute("ALTER TABLE " + dialect.table(id) + " DROP COLUMN " + dialect.quote(gone));
            }
            for (String sql : AlterSql.renames(dialect, id, cmd.renames())) {
                s.execute(sql);
            }
            Map<String, String> renames = cmd.renames();
            before.def().fieldIds().stream()
                    .filter(f -> !dropped.contains(f))
                    .map(f -> renames.getOrDefault(f, f))
                    .forEach(physical::add);
            for (AlterTable.Column col : cmd.columns()) {
                ColumnDef old = cmd.before(col);
                String type = dialect.columnType(col.def().type());
                if (old == null) {
                    s.execute(
                            "ALTER TABLE " + dialect.table(id) + " ADD COLUMN " + dialect.quote(col.id()) + " " + type);
                    physical.add(col.id());
                } else if (!old.type().equals(col.def().type())) {
                    s.execute("ALTER TABLE " + dialect.table(id) + " ALTER COLUMN " + dialect.quote(col.id()) + " TYPE "
                            + type + " USING " + dialect.quote(col.id()) + "::" + type);
                }
            }
        }
        boolean rebuilt = !physical.equals(
                cmd.columns().stream().map(AlterTable.Column::id).toList());
        if (rebuilt) {
            rebuild(c, id, cmd.fields());
        } else {
            for (AlterTable.Column col : cmd.columns()) {
                ColumnDef old = cmd.before(col);
                JsonNode info = col.def().info();
                if (old == null ? info != null : !Objects.equals(old.info(), info)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("COMMENT ON COLUMN " + dialect.table(id) + "." + dialect.quote(col.id()) + " IS "
                                + (info == null
                                        ? "NULL"
                                        : literal(PostgresCatalog.commentText(
                                                old == null ? null : before.column(old.id()), info))));
                    }
                }
            }
        }
        String to = cmd.renameTo();
        if (to != null) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + dialect.table(id) + " RENAME TO " + dialect.quote(to));
                // The full-text index keeps CKAN's name, which is derived from the table's id.
                s.execute("ALTER INDEX IF EXISTS " + dialect.table(indexName(id, "\"_full_text\"")) + " RENAME TO "
                        + dialect.quote(indexName(to, "\"_full_text\"")));
            }
        }
        return rebuilt;
    }

    /**
     * PostgreSQL cannot reorder columns: the table is moved aside (with its index and sequence names,
     * which CKAN derives from the id), created again in the new order with its trigger and comments,
     * refilled with the same {@code _id}s and full-text vectors, and the old one dropped.
     */
    private void rebuild(Connection c, String id, List<ColumnDef> columns) throws SQLException {
        String aside = "_alter_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (Statement s = c.createStatement()) {
            List<String> indexNames = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                            + " WHERE x.indrelid = " + literal(dialect.table(id)) + "::regclass")) {
                while (rs.next()) {
                    indexNames.add(rs.getString(1));
                }
            }
            for (int i = 0; i < indexNames.size(); i++) {
                s.execute("ALTER INDEX " + dialect.table(indexNames.get(i)) + " RENAME TO "
                        + dialect.quote(aside + "_" + i));
            }
            String sequence = null;
            try (ResultSet rs =
                    s.executeQuery("SELECT pg_get_serial_sequence(" + literal(dialect.table(id)) + ", '_id')")) {
                if (rs.next()) {
                    sequence = rs.getString(1);
                }
            }
            if (sequence != null) {
                s.execute("ALTER SEQUENCE " + sequence + " RENAME TO " + dialect.quote(aside + "_seq"));
            }
            s.execute("ALTER TABLE " + dialect.table(id) + " RENAME TO " + dialect.quote(aside));
        }
        createTable(c, new CreateTable(id, null, columns, new RowBatch(List.of(), List.of(), 0), null, null, null));
        String cols = columns.stream().map(col -> dialect.quote(col.id())).collect(Collectors.joining(", "));
        String all = "\"_id\", \"_full_text\"" + (cols.isEmpty() ? "" : ", " + cols);
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + dialect.table(id) + " (" + all + ") SELECT " + all + " FROM "
                    + dialect.table(aside));
            s.execute("SELECT setval(pg_get_serial_sequence(" + literal(dialect.table(id)) + ", '_id'),"
                    + " nextval(pg_get_serial_sequence(" + literal(dialect.table(aside)) + ", '_id')), false)");
            s.execute("DROP TABLE " + dialect.table(aside) + " CASCADE");
        }
    }

    private void comment(Connection c, String id, Map<String, PostgresTable.Column> existing, List<ColumnDef> columns)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            for (ColumnDef col : columns) {
                if (col.info() != null) {
                    // COMMENT takes no bind parameters; the text goes in as an escaped literal.
                    s.execute("COMMENT ON COLUMN " + dialect.table(id) + "." + dialect.quote(col.id()) + " IS "
                            + literal(PostgresCatalog.commentText(existing.get(col.id()), col.info())));
                }
            }
        }
    }

    /**
     * Replaces the primary key (a unique index) and the other indexes when the command names them;
     * existing rows that break a new key give CKAN's "constraints" error.
     */
    void index(Connection c, PostgresTable table, CreateTable cmd) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (cmd.primaryKey() != null
                    && !sorted(cmd.primaryKey()).equals(sorted(table.def().primaryKey()))) {
                for (PostgresTable.Index ix : table.indexes()) {
                    if (ix.unique() && !ix.primary() && !ix.columns().isEmpty()) {
                        s.execute("DROP INDEX " + dialect.quote(dialect.schema()) + "." + dialect.quote(ix.name()));
                    }
                }
                if (!cmd.primaryKey().isEmpty()) {
                    try {
                        s.execute(createIndex(c, table, cmd.primaryKey(), true));
                    } catch (SQLException e) {
                        if (PostgresErrors.is(e, PostgresErrors.UNIQUE_VIOLATION)) {
                            throw PostgresErrors.constraints(e, cmd.primaryKey());
                        }
                        throw e;
                    }
                }
            }
            if (cmd.indexes() != null) {
                for (PostgresTable.Index ix : table.indexes()) {
                    if (!ix.unique() && !ix.columns().isEmpty()) {
                        s.execute("DROP INDEX " + dialect.quote(dialect.schema()) + "." + dialect.quote(ix.name()));
                    }
                }
                for (List<String> columns : cmd.indexes()) {
                    s.execute(createIndex(c, table, columns, false));
                }
            }
        }
    }

    private String createIndex(Connection c, PostgresTable table, List<String> columns, boolean unique)
            throws SQLException {
        List<String> keys = new ArrayList<>();
        for (String name : columns) {
            PostgresTable.Column col = table.column(name);
            boolean nested = col != null && col.nested();
            boolean json =
                    table.def().field(name).map(f -> f.type().base().isJson()).orElse(false);
            // json has no equality operator; CKAN indexes its text, as it does for nested.
            keys.add(
                    nested
                            ? "((" + dialect.quote(name) + ").json::text)"
                            : json ? "(" + dialect.quote(name) + "::text)" : dialect.quote(name));
        }
        String fields = String.join(", ", keys);
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX "
                + dialect.quote(freeName(c, indexName(table.id(), fields))) + " ON " + dialect.table(table.id()) + " ("
                + fields + ")";
    }

    /** CKAN's index name, with a suffix when that name is taken (e.g. a key equal to a kept index). */
    private String freeName(Connection c, String base) throws SQLException {
        String name = base;
        for (int i = 2; ; i++) {
            try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?)")) {
                p.setString(1, dialect.quote(dialect.schema()) + "." + dialect.quote(name));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getString(1) == null) {
                        return name;
                    }
                }
            }
            name = base + "_" + i;
        }
    }

    /** CKAN's {@code _generate_index_name}: sha1 of the resource id and the fields' SQL. */
    static String indexName(String tableId, String fields) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((tableId + fields).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void dropViews(Connection c, List<String> aliases) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String alias : aliases) {
                s.execute("DROP VIEW IF EXISTS " + dialect.table(alias));
            }
        }
    }

    /** Aliases are views, as in CKAN; a name any relation already has is CKAN's alias error. */
    void createViews(Connection c, String tableId, List<String> aliases) throws SQLException {
        for (String alias : aliases) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE VIEW " + dialect.table(alias) + " AS SELECT * FROM " + dialect.table(tableId));
            } catch (SQLException e) {
                if (PostgresErrors.is(e, PostgresErrors.DUPLICATE_TABLE) || "42712".equals(e.getSQLState())) {
                    throw ApiException.validation("alias", "\"" + alias + "\" already exists");
                }
                throw e;
            }
        }
    }

    void dropTable(Connection c, String tableId) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + dialect.table(tableId) + " CASCADE");
        }
    }

    /** CKAN's {@code datastore_info} figures, from the same catalog queries. */
    TableStats stats(Connection c, PostgresTable table) throws SQLException {
        String type = "BASE TABLE";
        long size = 0;
        long dbSize = 0;
        long indexSize = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT t.table_type,"
                + " pg_relation_size(?::regclass), pg_database_size(current_database()), pg_indexes_size(?::regclass)"
                + " FROM information_schema.tables t WHERE t.table_schema = ? AND t.table_name = ?")) {
            String qualified = dialect.table(table.id());
            p.setString(1, qualified);
            p.setString(2, qualified);
            p.setString(3, dialect.schema());
            p.setString(4, table.id());
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    type = rs.getString(1);
                    size = rs.getLong(2);
                    dbSize = rs.getLong(3);
                    indexSize = rs.getLong(4);
                }
            }
        }
        Map<String, TableStats.ColumnSchema> columns = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT f.attname, format_type(f.atttypid, f.atttypmod),"
                + " f.attnotnull, i.relname, i.oid IS NOT NULL, coalesce(bool_or(pc.contype IN ('u', 'p')), false)"
                + " FROM pg_attribute f"
                + " LEFT JOIN pg_constraint pc ON pc.conrelid = f.attrelid AND f.attnum = ANY (pc.conkey)"
                + " LEFT JOIN pg_index ix ON ix.indrelid = f.attrelid AND f.attnum = ANY (ix.indkey)"
                + " LEFT JOIN pg_class i ON i.oid = ix.indexrelid"
                + " WHERE f.attrelid = ? AND f.attnum > 0 AND NOT f.attisdropped"
                + " GROUP BY f.attnum, f.attname, f.atttypid, f.atttypmod, f.attnotnull, i.relname, i.oid"
                + " ORDER BY f.attnum, i.oid")) {
            p.setLong(1, table.oid());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    columns.putIfAbsent(
                            rs.getString(1),
                            new TableStats.ColumnSchema(
                                    rs.getString(2),
                                    rs.getBoolean(3),
                                    rs.getString(4),
                                    rs.getBoolean(5),
                                    rs.getBoolean(6)));
                }
            }
        }
        return new TableStats(type, size, dbSize, indexSize, columns);
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    /** A string literal (standard_conforming_strings is on since PostgreSQL 9.1); NUL cannot be stored. */
    static String literal(String s) {
        return "'" + s.replace("'", "''").replace("\0", "") + "'";
    }
}
