package datastore.infrastructure.engines.duckdb;

import datastore.infrastructure.engines.AlterTable;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.TableStats;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import datastore.infrastructure.engines.sql.AlterSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** DDL for datastore tables on DuckDB: columns, the primary-key unique index, other indexes, aliases. */
final class DuckDbSchema {
    private final DuckDbDialect dialect;

    DuckDbSchema(DuckDbDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Creates the table or brings its columns to the command's list. DuckDB cannot drop a column that an
     * index covers, so dropping columns first drops every index; {@link #index} rebuilds them.
     */
    TableDef shape(Connection c, @Nullable TableDef before, CreateTable cmd) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (before == null) {
                StringBuilder ddl = new StringBuilder("CREATE TABLE ")
                        .append(dialect.table(cmd.id()))
                        .append(" (_id INTEGER NOT NULL, ")
                        .append(DuckDbDialect.FULL_TEXT)
                        .append(" VARCHAR");
                for (ColumnDef col : cmd.columns()) {
                    ddl.append(", ").append(dialect.quote(col.id())).append(' ').append(dialect.columnType(col.type()));
                }
                s.execute(ddl.append(")").toString());
                return new TableDef(cmd.id(), cmd.columns(), List.of(), List.of(), List.of(), 0);
            }
            Set<String> wanted = new HashSet<>();
            cmd.columns().forEach(col -> wanted.add(col.id()));
            List<String> dropped = before.fieldIds().stream()
                    .filter(id -> !wanted.contains(id))
                    .toList();
            if (!dropped.isEmpty()) {
                dropIndexes(s, before);
                for (String id : dropped) {
                    s.execute("ALTER TABLE " + dialect.table(cmd.id()) + " DROP COLUMN " + dialect.quote(id));
                }
            }
            for (ColumnDef col : cmd.columns()) {
                if (before.field(col.id()).isEmpty()) {
                    s.execute("ALTER TABLE " + dialect.table(cmd.id()) + " ADD COLUMN " + dialect.quote(col.id()) + " "
                            + dialect.columnType(col.type()));
                }
            }
            List<String> pk =
                    before.primaryKey().stream().anyMatch(dropped::contains) ? List.of() : before.primaryKey();
            List<List<String>> indexes = before.indexes().stream()
                    .filter(ix -> ix.stream().noneMatch(dropped::contains))
                    .toList();
            if (!dropped.isEmpty()) {
                createIndexes(s, cmd.id(), cmd.columns(), pk, indexes);
            }
            return new TableDef(cmd.id(), cmd.columns(), pk, indexes, before.aliases(), before.rowCount());
        }
    }

    /**
     * Reshapes an existing table (Datasette's alter): every index and alias view is dropped first
     * (DuckDB refuses to rename, drop or retype an indexed column) and rebuilt on the result.
     */
    TableDef alter(Connection c, AlterTable cmd) throws SQLException {
        TableDef before = cmd.existing();
        String id = before.id();
        try (Statement s = c.createStatement()) {
            for (String alias : before.aliases()) {
                s.execute("DROP VIEW IF EXISTS " + dialect.quote(alias));
            }
            dropIndexes(s, before);
            for (String gone : cmd.dropped()) {
                s.execute("ALTER TABLE " + dialect.table(id) + " DROP COLUMN " + dialect.quote(gone));
            }
            for (String sql : AlterSql.renames(dialect, id, cmd.renames())) {
                s.execute(sql);
            }
            for (AlterTable.Column col : cmd.columns()) {
                ColumnDef old = cmd.before(col);
                if (old == null) {
                    s.execute("ALTER TABLE " + dialect.table(id) + " ADD COLUMN " + dialect.quote(col.id()) + " "
                            + dialect.columnType(col.def().type()));
                } else if (!old.type().equals(col.def().type())) {
                    s.execute("ALTER TABLE " + dialect.table(id) + " ALTER COLUMN " + dialect.quote(col.id())
                            + " SET DATA TYPE " + dialect.columnType(col.def().type()));
                }
            }
            if (cmd.renameTo() != null) {
                s.execute("ALTER TABLE " + dialect.table(id) + " RENAME TO " + dialect.quote(cmd.renameTo()));
            }
            List<String> pk = cmd.newPrimaryKey();
            List<List<String>> indexes = cmd.newIndexes();
            createIndexes(s, cmd.id(), cmd.fields(), pk, indexes);
            for (String alias : before.aliases()) {
                s.execute("CREATE VIEW " + dialect.quote(alias) + " AS SELECT * FROM " + dialect.table(cmd.id()));
            }
            return new TableDef(cmd.id(), cmd.fields(), pk, indexes, before.aliases(), before.rowCount());
        }
    }

    /**
     * Drops every index of the table in a transaction of its own: DuckDB refuses to drop, rename or
     * retype a column that an index covered even after the index was dropped in the same transaction.
     */
    void dropIndexes(Connection c, TableDef table) throws SQLException {
        try (Statement s = c.createStatement()) {
            dropIndexes(s, table);
        }
    }

    /** Creates the table's primary key and indexes again, as its definition says. */
    void restoreIndexes(Connection c, TableDef table) throws SQLException {
        try (Statement s = c.createStatement()) {
            createIndexes(s, table.id(), table.fields(), table.primaryKey(), table.indexes());
        }
    }

    /** Replaces the primary key and indexes the command names, after its records are in. */
    TableDef index(Connection c, TableDef table, CreateTable cmd) throws SQLException {
        if (cmd.primaryKey() == null && cmd.indexes() == null) {
            return table;
        }
        List<String> pk = cmd.primaryKey() != null ? cmd.primaryKey() : table.primaryKey();
        List<List<String>> indexes = cmd.indexes() != null ? cmd.indexes() : table.indexes();
        try (Statement s = c.createStatement()) {
            dropIndexes(s, table);
            createIndexes(s, table.id(), table.fields(), pk, indexes);
        }
        return new TableDef(table.id(), table.fields(), pk, indexes, table.aliases(), table.rowCount());
    }

    /** Drops every index on the table, found in DuckDB's catalog rather than by remembered names. */
    private void dropIndexes(Statement s, TableDef table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (java.sql.PreparedStatement p = s.getConnection()
                .prepareStatement(
                        "SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'main' AND table_name = ?")) {
            p.setString(1, table.id());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        for (String name : names) {
            s.execute("DROP INDEX IF EXISTS " + dialect.quote(name));
        }
    }

    /**
     * Index names get a fresh suffix: DuckDB refuses to re-create a just-dropped name in the same
     * transaction after the table was altered.
     */
    private static String indexName(String tableId, String kind) {
        return tableId + "__" + kind + "_"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private void createIndexes(
            Statement s, String id, List<ColumnDef> fields, List<String> pk, List<List<String>> indexes)
            throws SQLException {
        if (!pk.isEmpty()) {
            requireUnique(s, id, pk);
            try {
                s.execute("CREATE UNIQUE INDEX " + dialect.quote(indexName(id, "pk")) + " ON " + dialect.table(id)
                        + " (" + columns(pk) + ")");
            } catch (SQLException e) {
                throw JdbcErrors.uniqueness(DuckDbErrors.message(e, null, null), e);
            }
        }
        for (int i = 0; i < indexes.size(); i++) {
            if (!indexable(fields, indexes.get(i))) {
                // DuckDB cannot index list columns; an index is only a speed hint, so the table goes without.
                continue;
            }
            s.execute("CREATE INDEX " + dialect.quote(indexName(id, "idx" + i)) + " ON " + dialect.table(id) + " ("
                    + columns(indexes.get(i)) + ")");
        }
    }

    private static boolean indexable(List<ColumnDef> fields, List<String> columns) {
        return fields.stream().filter(f -> columns.contains(f.id())).noneMatch(f -> f.type()
                .array());
    }

    /** Rows sharing a key fail the unique index; say so in CKAN's words before DuckDB does at commit. */
    private void requireUnique(Statement s, String id, List<String> pk) throws SQLException {
        String cols = columns(pk);
        String values = String.join(
                ", ",
                pk.stream()
                        .map(c -> "CAST(" + dialect.quote(c) + " AS VARCHAR)")
                        .toList());
        String notNull = String.join(
                " AND ", pk.stream().map(c -> dialect.quote(c) + " IS NOT NULL").toList());
        try (ResultSet rs = s.executeQuery("SELECT " + values + " FROM " + dialect.table(id) + " WHERE " + notNull
                + " GROUP BY " + cols + " HAVING count(*) > 1 LIMIT 1")) {
            if (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= pk.size(); i++) {
                    key.add(rs.getString(i));
                }
                throw JdbcErrors.uniqueness(JdbcErrors.duplicatedKey(pk, String.join(", ", key)), null);
            }
        }
    }

    private String columns(List<String> names) {
        List<String> quoted = new ArrayList<>();
        names.forEach(n -> quoted.add(dialect.quote(n)));
        return String.join(", ", quoted);
    }

    /** Aliases are views; CKAN replaces the whole set each time aliases are sent. */
    void replaceAliases(Connection c, DuckDbCatalog catalog, TableDef table, List<String> aliases) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String old : table.aliases()) {
                s.execute("DROP VIEW IF EXISTS " + dialect.quote(old));
            }
            for (String alias : aliases) {
                s.execute("CREATE VIEW " + dialect.quote(alias) + " AS SELECT * FROM " + dialect.table(table.id()));
            }
        }
        catalog.replaceAliases(c, table.id(), aliases);
    }

    /** Column → the first index covering it, read from DuckDB's catalog. */
    private Map<String, String> indexNames(Connection root, TableDef table) {
        Map<String, String> out = new HashMap<>();
        try (Connection c = ((org.duckdb.DuckDBConnection) root).duplicate();
                java.sql.PreparedStatement p = c.prepareStatement(
                        "SELECT index_name, expressions FROM duckdb_indexes() WHERE schema_name = 'main' AND table_name = ?"
                                + " ORDER BY is_unique DESC, index_name")) {
            p.setString(1, table.id());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String expressions = rs.getString(2);
                    for (ColumnDef col : table.fields()) {
                        if (expressions != null && expressions.contains(dialect.quote(col.id()))) {
                            out.putIfAbsent(col.id(), name);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            // CKAN swallows errors while collecting metadata and returns what it has.
        }
        return out;
    }

    TableStats stats(Connection root, TableDef table) {
        long blockSize = 262_144;
        long size = 0;
        long dbSize = 0;
        try (Connection c = ((org.duckdb.DuckDBConnection) root).duplicate();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT block_size, total_blocks FROM pragma_database_size()")) {
                if (rs.next()) {
                    blockSize = rs.getLong(1);
                    dbSize = rs.getLong(1) * rs.getLong(2);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT block_id) FROM pragma_storage_info('"
                    + table.id().replace("'", "''") + "') WHERE block_id >= 0")) {
                if (rs.next()) {
                    size = rs.getLong(1) * blockSize;
                }
            }
        } catch (SQLException e) {
            // CKAN swallows errors while collecting metadata and returns what it has.
        }
        Map<String, String> indexByColumn = indexNames(root, table);
        Map<String, TableStats.ColumnSchema> columns = new HashMap<>();
        for (ColumnDef col : table.fields()) {
            // The index the caller declared counts even where DuckDB keeps none (it cannot index lists).
            boolean declared = table.primaryKey().contains(col.id())
                    || table.indexes().stream().anyMatch(ix -> ix.contains(col.id()));
            @Nullable
            String indexName =
                    indexByColumn.getOrDefault(col.id(), declared ? table.id() + "_" + col.id() + "_idx" : null);
            columns.put(
                    col.id(),
                    new TableStats.ColumnSchema(dialect.columnType(col.type()), false, indexName, declared, false));
        }
        return new TableStats("BASE TABLE", size, dbSize, 0, columns);
    }
}
