package datastore.infrastructure.engines.postgres;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.WriteRows;
import datastore.infrastructure.engines.jdbc.Jdbc;
import datastore.schemas.types.FieldType;
import datastore.schemas.write.WriteMethod;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes row batches set-based: the batch goes into a temporary staging table through the COPY protocol,
 * then one INSERT … SELECT, INSERT … ON CONFLICT or UPDATE … FROM moves it into the datastore table, in
 * the caller's transaction. {@code _full_text} is left NULL so CKAN's trigger recomputes it.
 */
final class PostgresWriter {
    private static final int COPY_CHUNK_CHARS = 1 << 16;

    private final PostgresDialect dialect;

    PostgresWriter(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    /** Appends rows with insert semantics; {@code _id} comes from the table's serial. Returns the rows added. */
    long insert(Connection c, PostgresTable table, RowBatch batch) {
        if (batch.isEmpty() || batch.columns().isEmpty()) {
            return 0;
        }
        String stage = stage(c, table, batch);
        long inserted = execute(c, insertSql(table, batch, stage, "") + " ORDER BY s._ord", table, batch);
        drop(c, stage, table, batch);
        return inserted;
    }

    /** One upsert/update group: update rows matched by key, insert the rest (upsert). Returns the rows added. */
    long merge(Connection c, PostgresTable table, WriteMethod method, WriteRows.Group group) {
        RowBatch batch = group.rows();
        if (batch.isEmpty()) {
            return 0;
        }
        List<String> keys = group.keys();
        boolean byId = keys.equals(List.of("_id"));
        String stage = stage(c, table, batch);
        if (method == WriteMethod.UPDATE) {
            requireAllKeysExist(c, table, batch, keys, stage);
        }
        List<String> set = new ArrayList<>();
        for (int i = 0; i < batch.columns().size(); i++) {
            String col = batch.columns().get(i);
            if (!keys.contains(col)) {
                set.add(dialect.quote(col) + " = " + value(table, col, "s.c" + i));
            }
        }
        set.add("\"_full_text\" = NULL");
        String match = match(table, batch, keys);
        if (method != WriteMethod.INSERT_IGNORE) {
            execute(
                    c,
                    "UPDATE " + dialect.table(table.id()) + " AS t SET " + String.join(", ", set) + " FROM pg_temp."
                            + dialect.quote(stage) + " AS s WHERE " + match,
                    table,
                    batch);
        }
        long inserted = 0;
        if (method == WriteMethod.UPSERT || method == WriteMethod.INSERT_IGNORE) {
            // Existing keys were updated above, so the insert takes serial values for new rows only (CKAN's
            // _id has no gaps; an unknown _id also gets the next one, as in CKAN); ON CONFLICT covers a row
            // another transaction inserted meanwhile.
            String sql = insertSql(
                            table,
                            batch,
                            stage,
                            " WHERE NOT EXISTS (SELECT 1 FROM " + dialect.table(table.id()) + " AS t WHERE " + match
                                    + ")")
                    + " ORDER BY s._ord";
            if (!byId && keys.stream().allMatch(k -> comparable(table, k))) {
                List<String> excluded = new ArrayList<>();
                for (String col : batch.columns()) {
                    if (!keys.contains(col)) {
                        excluded.add(dialect.quote(col) + " = EXCLUDED." + dialect.quote(col));
                    }
                }
                excluded.add("\"_full_text\" = NULL");
                sql += " ON CONFLICT (" + quoted(keys) + ")"
                        + (method == WriteMethod.INSERT_IGNORE
                                ? " DO NOTHING"
                                : " DO UPDATE SET " + String.join(", ", excluded));
            }
            inserted = execute(c, sql, table, batch);
        }
        drop(c, stage, table, batch);
        return inserted;
    }

    /** INSERT … SELECT from the stage (aliased {@code s}) with an optional WHERE clause. */
    private String insertSql(PostgresTable table, RowBatch batch, String stage, String where) {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < batch.columns().size(); i++) {
            String col = batch.columns().get(i);
            if (!col.equals("_id")) {
                columns.add(dialect.quote(col));
                values.add(value(table, col, "s.c" + i));
            }
        }
        return "INSERT INTO " + dialect.table(table.id()) + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", values) + " FROM pg_temp." + dialect.quote(stage) + " AS s" + where;
    }

    /** The staged value as the column's type: arrays and CKAN's nested json are staged as json. */
    private String value(PostgresTable table, String column, String staged) {
        PostgresTable.Column col = table.column(column);
        if (col == null) {
            return staged;
        }
        if (col.nested()) {
            return "CASE WHEN " + staged + " IS NULL THEN NULL ELSE CAST(ROW(" + staged + ", '') AS " + col.nativeType()
                    + ") END";
        }
        FieldType type = type(table, column);
        if (type.array()) {
            return PostgresDialect.arrayFromJson(staged, type, col.nativeType());
        }
        return staged;
    }

    /** The staging column type: what COPY can parse the canonical text as. */
    private static String stageType(PostgresTable table, String column) {
        if (column.equals("_id")) {
            return "int8";
        }
        PostgresTable.Column col = table.column(column);
        if (col == null) {
            throw new IllegalArgumentException("unknown column " + column);
        }
        if (col.nested() || type(table, column).array()) {
            return "json";
        }
        return col.nativeType();
    }

    private static FieldType type(PostgresTable table, String column) {
        return table.def().field(column).map(ColumnDef::type).orElse(FieldType.INT8);
    }

    /** Whether a key column compares with = and can be an ON CONFLICT arbiter (json cannot). */
    private static boolean comparable(PostgresTable table, String column) {
        PostgresTable.Column col = table.column(column);
        return col != null && !col.nested() && !type(table, column).base().isJson();
    }

    private String match(PostgresTable table, RowBatch batch, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            String staged = "s.c" + batch.columns().indexOf(k);
            PostgresTable.Column col = table.column(k);
            if (col != null && col.nested()) {
                parts.add("(t." + dialect.quote(k) + ").json::text = " + staged + "::text");
            } else if (col != null
                    && type(table, k).base().isJson()
                    && !type(table, k).array()) {
                parts.add("t." + dialect.quote(k) + "::text = " + staged + "::text");
            } else {
                parts.add("t." + dialect.quote(k) + " = " + value(table, k, staged));
            }
        }
        return String.join(" AND ", parts);
    }

    private void requireAllKeysExist(
            Connection c, PostgresTable table, RowBatch batch, List<String> keys, String stage) {
        List<String> keyColumns =
                keys.stream().map(k -> "c" + batch.columns().indexOf(k)).toList();
        try {
            Jdbc.requireKeysExist(
                    c,
                    "pg_temp." + dialect.quote(stage),
                    dialect.table(table.id()),
                    match(table, batch, keys),
                    keys,
                    keyColumns,
                    batch.firstRow());
        } catch (SQLException e) {
            throw PostgresErrors.records(e, table, batch);
        }
    }

    /** Creates a temporary staging table and fills it through COPY; returns its name. */
    private String stage(Connection c, PostgresTable table, RowBatch batch) {
        String name = "datastore_stage_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        StringBuilder ddl = new StringBuilder("CREATE TEMPORARY TABLE ")
                .append(dialect.quote(name))
                .append(" (_ord int8");
        for (int i = 0; i < batch.columns().size(); i++) {
            ddl.append(", c")
                    .append(i)
                    .append(' ')
                    .append(stageType(table, batch.columns().get(i)));
        }
        ddl.append(") ON COMMIT DROP");
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            copy(c, "COPY pg_temp." + dialect.quote(name) + " FROM STDIN", batch);
        } catch (SQLException e) {
            throw PostgresErrors.records(e, table, batch);
        }
        return name;
    }

    /** Streams the batch in COPY's text format, in chunks, so no second copy of the batch is built. */
    private static void copy(Connection c, String sql, RowBatch batch) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder sb = new StringBuilder(COPY_CHUNK_CHARS + 4096);
            int width = batch.columns().size();
            long ord = 0;
            for (@Nullable String[] row : batch.rows()) {
                sb.append(ord++);
                for (int i = 0; i < width; i++) {
                    sb.append('\t');
                    escape(sb, row[i]);
                }
                sb.append('\n');
                if (sb.length() >= COPY_CHUNK_CHARS) {
                    flush(in, sb);
                }
            }
            flush(in, sb);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn in, StringBuilder sb) throws SQLException {
        if (sb.isEmpty()) {
            return;
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        sb.setLength(0);
    }

    /** COPY text format: backslash escapes for the delimiter, line ends and backslash; \N is NULL. */
    static void escape(StringBuilder sb, @Nullable String value) {
        if (value == null) {
            sb.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }

    private static long execute(Connection c, String sql, PostgresTable table, RowBatch batch) {
        try (Statement s = c.createStatement()) {
            return s.executeLargeUpdate(sql);
        } catch (SQLException e) {
            throw PostgresErrors.records(e, table, batch);
        }
    }

    private void drop(Connection c, String stage, PostgresTable table, RowBatch batch) {
        execute(c, "DROP TABLE pg_temp." + dialect.quote(stage), table, batch);
    }

    private String quoted(List<String> names) {
        return String.join(", ", names.stream().map(dialect::quote).toList());
    }
}
