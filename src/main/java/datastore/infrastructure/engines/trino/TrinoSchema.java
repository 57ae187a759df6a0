package datastore.infrastructure.engines.trino;

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

/**
 * DDL for datastore tables on Iceberg: columns, aliases as views, and the checks that stand in for the
 * unique indexes Iceberg does not have. Keys and indexes themselves live in the table comment.
 */
final class TrinoSchema {
    private final TrinoDialect dialect;

    TrinoSchema(TrinoDialect dialect) {
        this.dialect = dialect;
    }

    /** Creates the table or brings its columns to the command's list; returns the shaped definition. */
    TableDef shape(Connection c, @Nullable TableDef before, CreateTable cmd) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (before == null) {
                StringBuilder ddl = new StringBuilder("CREATE TABLE ")
                        .append(dialect.table(cmd.id()))
                        .append(" (_id bigint, ")
                        .append(TrinoDialect.FULL_TEXT)
                        .append(" varchar");
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
            for (String id : dropped) {
                s.execute("ALTER TABLE " + dialect.table(cmd.id()) + " DROP COLUMN " + dialect.quote(id));
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
            return new TableDef(cmd.id(), cmd.columns(), pk, indexes, before.aliases(), before.rowCount());
        }
    }

    /**
     * Reshapes an existing table (Datasette's alter). Iceberg renames, adds and drops columns in place;
     * a type change other than a widening is a copy through a scratch column. Column order lives in the
     * definition, not in the files.
     */
    TableDef alter(Connection c, AlterTable cmd) throws SQLException {
        TableDef before = cmd.existing();
        String id = before.id();
        String table = dialect.table(id);
        try (Statement s = c.createStatement()) {
            // Each statement below is its own commit: find what would fail before changing anything.
            for (AlterTable.Column col : cmd.columns()) {
                ColumnDef old = cmd.before(col);
                if (old != null
                        && !dialect.columnType(old.type())
                                .equals(dialect.columnType(col.def().type()))) {
                    requireCastable(s, table, old, col.def());
                }
            }
            dropViews(s, before.aliases());
            for (String gone : cmd.dropped()) {
                s.execute("ALTER TABLE " + table + " DROP COLUMN " + dialect.quote(gone));
            }
            for (String sql : AlterSql.renames(dialect, id, cmd.renames())) {
                s.execute(sql);
            }
            for (AlterTable.Column col : cmd.columns()) {
                ColumnDef old = cmd.before(col);
                String type = dialect.columnType(col.def().type());
                if (old == null) {
                    s.execute("ALTER TABLE " + table + " ADD COLUMN " + dialect.quote(col.id()) + " " + type);
                } else if (!dialect.columnType(old.type()).equals(type)) {
                    String scratch = dialect.quote("_alter_retype");
                    s.execute("ALTER TABLE " + table + " ADD COLUMN " + scratch + " " + type);
                    try {
                        s.execute("UPDATE " + table + " SET " + scratch + " = "
                                + dialect.castValue(
                                        TrinoValues.textExpression(
                                                dialect.quote(col.id()), dialect.columnType(old.type())),
                                        col.def().type()));
                    } catch (SQLException e) {
                        s.execute("ALTER TABLE " + table + " DROP COLUMN " + scratch);
                        throw e;
                    }
                    s.execute("ALTER TABLE " + table + " DROP COLUMN " + dialect.quote(col.id()));
                    s.execute("ALTER TABLE " + table + " RENAME COLUMN " + scratch + " TO " + dialect.quote(col.id()));
                }
            }
            if (cmd.renameTo() != null) {
                s.execute("ALTER TABLE " + table + " RENAME TO " + dialect.table(cmd.renameTo()));
            }
            List<String> pk = cmd.newPrimaryKey();
            if (!pk.isEmpty() && !pk.equals(before.primaryKey())) {
                requireUnique(c, cmd.id(), pk);
            }
            TableDef after =
                    new TableDef(cmd.id(), cmd.fields(), pk, cmd.newIndexes(), before.aliases(), before.rowCount());
            createViews(s, after);
            return after;
        }
    }

    /** Refuses a retype that some stored value cannot take, in PostgreSQL's words, before anything changed. */
    private void requireCastable(Statement s, String table, ColumnDef old, ColumnDef retyped) throws SQLException {
        String text = TrinoValues.textExpression(dialect.quote(old.id()), dialect.columnType(old.type()));
        String cast = dialect.castValue(text, retyped.type());
        try (ResultSet rs = s.executeQuery("SELECT " + text + " FROM " + table + " WHERE " + dialect.quote(old.id())
                + " IS NOT NULL AND try(" + cast + ") IS NULL LIMIT 1")) {
            if (rs.next()) {
                throw new SQLException("invalid input syntax for type "
                        + retyped.type().base().formatType() + ": \"" + rs.getString(1) + "\"");
            }
        }
    }

    /** Rows sharing a key would break it; say so in CKAN's words, as a unique index would. */
    void requireUnique(Connection c, String id, List<String> pk) throws SQLException {
        String cols = columns(pk);
        String values = String.join(
                ", ",
                pk.stream()
                        .map(col -> "CAST(" + dialect.quote(col) + " AS varchar)")
                        .toList());
        String notNull = String.join(
                " AND ",
                pk.stream().map(col -> dialect.quote(col) + " IS NOT NULL").toList());
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + values + " FROM " + dialect.table(id) + " WHERE " + notNull
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

    /** Replaces the alias views: CKAN replaces the whole set each time aliases are sent. */
    void replaceAliases(Connection c, List<String> old, TableDef table) throws SQLException {
        try (Statement s = c.createStatement()) {
            dropViews(s, old);
            createViews(s, table);
        }
    }

    /** Builds the alias views again: a Trino view pins the columns it was made with. */
    void refreshViews(Connection c, TableDef table) throws SQLException {
        replaceAliases(c, table.aliases(), table);
    }

    void dropViews(Connection c, List<String> aliases) throws SQLException {
        try (Statement s = c.createStatement()) {
            dropViews(s, aliases);
        }
    }

    private void dropViews(Statement s, List<String> aliases) throws SQLException {
        for (String alias : aliases) {
            s.execute("DROP VIEW IF EXISTS " + dialect.table(alias));
        }
    }

    private void createViews(Statement s, TableDef table) throws SQLException {
        for (String alias : table.aliases()) {
            s.execute("CREATE OR REPLACE VIEW " + dialect.table(alias) + " SECURITY INVOKER AS SELECT * FROM "
                    + dialect.table(table.id()));
        }
    }

    void dropTable(Connection c, TableDef table) throws SQLException {
        try (Statement s = c.createStatement()) {
            dropViews(s, table.aliases());
            s.execute("DROP TABLE IF EXISTS " + dialect.table(table.id()));
        }
    }

    /** Sizes from Iceberg's file list; keys and indexes as the definition declares them. */
    TableStats stats(Connection c, TableDef table) {
        long size = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(file_size_in_bytes), 0) FROM "
                        + dialect.qualifiedSchema() + "." + dialect.quote(table.id() + "$files"))) {
            if (rs.next()) {
                size = rs.getLong(1);
            }
        } catch (SQLException e) {
            // CKAN swallows errors while collecting metadata and returns what it has.
        }
        Map<String, TableStats.ColumnSchema> columns = new HashMap<>();
        for (ColumnDef col : table.fields()) {
            boolean key = table.primaryKey().contains(col.id());
            boolean declared = key || table.indexes().stream().anyMatch(ix -> ix.contains(col.id()));
            columns.put(
                    col.id(),
                    new TableStats.ColumnSchema(
                            dialect.columnType(col.type()),
                            false,
                            declared ? table.id() + "_" + col.id() + "_idx" : null,
                            declared,
                            key));
        }
        return new TableStats("BASE TABLE", size, size, 0, columns);
    }

    private String columns(List<String> names) {
        List<String> quoted = new ArrayList<>();
        names.forEach(n -> quoted.add(dialect.quote(n)));
        return String.join(", ", quoted);
    }
}
