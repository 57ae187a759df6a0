package datastore.infrastructure.engines.trino;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import datastore.schemas.write.WriteMethod;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes row batches to an Iceberg table, where no key is enforced and every statement is its own
 * commit: the batch's keys are looked up first (which rows exist, their stored values when the batch
 * is partial), keys are enforced here, new rows get their {@code _id}s and every row its full-text
 * document, and then one INSERT or one MERGE on {@code _id} writes the whole batch. A batch too large
 * for one statement's text is staged in a scratch Iceberg table first, so the target still sees one
 * commit.
 */
final class TrinoWriter {
    /** Longest statement text built inline; Trino's default {@code query.max-length} is 1,000,000. */
    static final int MAX_STATEMENT_CHARS = 800_000;

    private final TrinoDialect dialect;
    private final TextAnalyzer analyzer;
    private final TrinoRetry retry;

    TrinoWriter(TrinoDialect dialect, TextAnalyzer analyzer, TrinoRetry retry) {
        this.dialect = dialect;
        this.analyzer = analyzer;
        this.retry = retry;
    }

    /** What a write did: rows inserted, and the next free {@code _id}. */
    record Outcome(long inserted, long nextId) {}

    /**
     * Writes one group of rows with {@code method}; {@code keys} identify rows ({@code _id} or the primary
     * key; for insert, the table's primary key). A dry run checks everything and writes nothing.
     */
    Outcome write(
            Connection c,
            TableDef table,
            WriteMethod method,
            RowBatch batch,
            List<String> keys,
            long nextId,
            boolean dryRun)
            throws SQLException {
        if (batch.isEmpty()) {
            return new Outcome(0, nextId);
        }
        List<ColumnDef> cols = columns(table, batch);
        int n = batch.size();
        boolean[] skip = new boolean[n];
        boolean insertOnly = method == WriteMethod.INSERT || method == WriteMethod.INSERT_IGNORE;
        if (insertOnly && !keys.isEmpty()) {
            withinBatch(batch, keys, method, skip);
        }
        boolean complete = batch.columns().containsAll(table.fieldIds());
        Map<Integer, Existing> existing = keys.isEmpty() ? Map.of() : existing(c, table, batch, keys, skip, !complete);
        for (int ord = 0; ord < n; ord++) {
            if (skip[ord]) {
                continue;
            }
            Existing found = existing.get(ord);
            switch (method) {
                case INSERT -> {
                    if (found != null) {
                        throw JdbcErrors.records(
                                JdbcErrors.duplicateKey(keys, keyText(batch, keys, ord)), batch.firstRow() + ord, null);
                    }
                }
                case INSERT_IGNORE -> skip[ord] = found != null;
                case UPDATE -> {
                    if (found == null) {
                        Map<String, String> key = new LinkedHashMap<>();
                        for (String k : keys) {
                            key.put(k, batch.rows().get(ord)[batch.columns().indexOf(k)]);
                        }
                        throw JdbcErrors.keyNotFound(key, batch.firstRow() + ord);
                    }
                }
                case UPSERT -> {}
            }
        }
        long[] ids = new long[n];
        String[] docs = new String[n];
        long next = nextId;
        long inserted = 0;
        boolean anyUpdate = false;
        int idColumn = batch.columns().indexOf("_id");
        for (int ord = 0; ord < n; ord++) {
            if (skip[ord]) {
                continue;
            }
            Existing found = existing.get(ord);
            if (found != null) {
                ids[ord] = found.id();
                anyUpdate = true;
            } else {
                ids[ord] = next++;
                inserted++;
            }
            docs[ord] = document(table, batch, ord, found);
        }
        if (dryRun) {
            return new Outcome(inserted, next);
        }
        List<Integer> dataColumns = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            if (i != idColumn) {
                dataColumns.add(i);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int ord = 0; ord < n; ord++) {
            if (skip[ord]) {
                continue;
            }
            StringBuilder row =
                    new StringBuilder("(").append(ids[ord]).append(", ").append(literal(docs[ord]));
            for (int i : dataColumns) {
                row.append(", ").append(literal(batch.rows().get(ord)[i]));
            }
            rows.add(row.append(')').toString());
        }
        if (rows.isEmpty()) {
            return new Outcome(0, next);
        }
        List<String> names = new ArrayList<>(List.of("_id", "_ft"));
        dataColumns.forEach(i -> names.add("c" + i));
        try (Source source = source(c, names, rows, batch)) {
            StringBuilder typed =
                    new StringBuilder("SELECT CAST(s._id AS bigint) AS _id, CAST(s._ft AS varchar) AS _ft");
            for (int i : dataColumns) {
                typed.append(", ")
                        .append(dialect.castValue(
                                "CAST(s.c" + i + " AS varchar)", cols.get(i).type()))
                        .append(" AS c")
                        .append(i);
            }
            typed.append(" FROM ").append(source.relation());
            String target = dialect.table(table.id());
            StringBuilder sql = new StringBuilder();
            if (!anyUpdate) {
                sql.append("INSERT INTO ").append(target).append(" (_id, ").append(TrinoDialect.FULL_TEXT);
                dataColumns.forEach(
                        i -> sql.append(", ").append(dialect.quote(cols.get(i).id())));
                sql.append(") ").append(typed);
            } else {
                sql.append("MERGE INTO ")
                        .append(target)
                        .append(" AS t USING (")
                        .append(typed)
                        .append(") AS s ON t._id = s._id WHEN MATCHED THEN UPDATE SET ")
                        .append(TrinoDialect.FULL_TEXT)
                        .append(" = s._ft");
                for (int i : dataColumns) {
                    sql.append(", ")
                            .append(dialect.quote(cols.get(i).id()))
                            .append(" = s.c")
                            .append(i);
                }
                if (inserted > 0) {
                    sql.append(" WHEN NOT MATCHED THEN INSERT (_id, ").append(TrinoDialect.FULL_TEXT);
                    dataColumns.forEach(i ->
                            sql.append(", ").append(dialect.quote(cols.get(i).id())));
                    sql.append(") VALUES (s._id, s._ft");
                    dataColumns.forEach(i -> sql.append(", s.c").append(i));
                    sql.append(')');
                }
            }
            retry.execute(c, sql.toString());
        } catch (SQLException e) {
            throw TrinoErrors.records(e, batch.firstRow() + batch.size() - 1);
        }
        return new Outcome(inserted, next);
    }

    /** A row that exists already: its {@code _id}, and its stored values as text when the batch is partial. */
    private record Existing(long id, @Nullable String @Nullable [] stored) {}

    /** Refuses (insert) or skips (insert-ignore) a key repeated within the batch. */
    private static void withinBatch(RowBatch batch, List<String> keys, WriteMethod method, boolean[] skip) {
        Map<String, Integer> seen = new HashMap<>();
        for (int ord = 0; ord < batch.size(); ord++) {
            String key = String.join("\u0000", keyValues(batch, keys, ord));
            if (seen.putIfAbsent(key, ord) != null) {
                if (method == WriteMethod.INSERT) {
                    throw JdbcErrors.records(
                            JdbcErrors.duplicateKey(keys, keyText(batch, keys, ord)), batch.firstRow() + ord, null);
                }
                skip[ord] = true;
            }
        }
    }

    private static List<String> keyValues(RowBatch batch, List<String> keys, int ord) {
        List<String> values = new ArrayList<>();
        for (String k : keys) {
            int i = batch.columns().indexOf(k);
            values.add(i < 0 ? "" : String.valueOf(batch.rows().get(ord)[i]));
        }
        return values;
    }

    private static String keyText(RowBatch batch, List<String> keys, int ord) {
        return String.join(", ", keyValues(batch, keys, ord));
    }

    /** The rows of the batch whose key exists in the table, by position in the batch. */
    private Map<Integer, Existing> existing(
            Connection c, TableDef table, RowBatch batch, List<String> keys, boolean[] skip, boolean withValues)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        for (int ord = 0; ord < batch.size(); ord++) {
            if (skip[ord]) {
                continue;
            }
            StringBuilder row = new StringBuilder("(").append(ord);
            for (String k : keys) {
                row.append(", ")
                        .append(literal(batch.rows().get(ord)[batch.columns().indexOf(k)]));
            }
            rows.add(row.append(')').toString());
        }
        Map<Integer, Existing> out = new HashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        List<String> names = new ArrayList<>(List.of("_ord"));
        for (int i = 0; i < keys.size(); i++) {
            names.add("k" + i);
        }
        StringBuilder select = new StringBuilder("SELECT s._ord, t._id");
        if (withValues) {
            for (ColumnDef f : table.fields()) {
                select.append(", ")
                        .append(TrinoValues.textExpression("t." + dialect.quote(f.id()), dialect.columnType(f.type())));
            }
        }
        List<String> match = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ColumnDef key = keys.get(i).equals("_id")
                    ? ColumnDef.ID
                    : table.field(keys.get(i)).orElseThrow();
            match.add("t." + dialect.quote(key.id()) + " = "
                    + dialect.castValue("CAST(s.k" + i + " AS varchar)", key.type()));
        }
        // Key lookups are reads: chunk them by statement size rather than staging.
        for (List<String> chunk : chunks(rows)) {
            String sql = select + " FROM (VALUES " + String.join(", ", chunk) + ") AS s(" + String.join(", ", names)
                    + ") JOIN " + dialect.table(table.id()) + " AS t ON " + String.join(" AND ", match);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    int ord = rs.getInt(1);
                    @Nullable String[] stored = null;
                    if (withValues) {
                        stored = new String[table.fields().size()];
                        for (int f = 0; f < stored.length; f++) {
                            stored[f] = rs.getString(3 + f);
                        }
                    }
                    if (out.put(ord, new Existing(rs.getLong(2), stored)) != null) {
                        throw JdbcErrors.records(
                                "the key (" + String.join(", ", keys) + ")=(" + keyText(batch, keys, ord)
                                        + ") matches more than one row",
                                batch.firstRow() + ord,
                                null);
                    }
                }
            } catch (SQLException e) {
                throw TrinoErrors.records(e, batch.firstRow());
            }
        }
        return out;
    }

    /** The row's full-text document from every user column, in table order (stored values under the sent ones). */
    private String document(TableDef table, RowBatch batch, int ord, @Nullable Existing found) {
        List<String> values = new ArrayList<>(table.fields().size());
        @Nullable String[] row = batch.rows().get(ord);
        for (int f = 0; f < table.fields().size(); f++) {
            int i = batch.columns().indexOf(table.fields().get(f).id());
            @Nullable String v = i >= 0 ? row[i] : found != null && found.stored() != null ? found.stored()[f] : null;
            if (v != null) {
                values.add(v);
            }
        }
        return analyzer.document(values);
    }

    /** Where the final statement reads the rows from: inline VALUES, or a staged scratch table. */
    private interface Source extends AutoCloseable {
        String relation();

        @Override
        void close() throws SQLException;
    }

    private Source source(Connection c, List<String> names, List<String> rows, RowBatch batch) throws SQLException {
        List<List<String>> chunks = chunks(rows);
        if (chunks.size() == 1) {
            String relation = "(VALUES " + String.join(", ", rows) + ") AS s(" + String.join(", ", names) + ")";
            return new Source() {
                @Override
                public String relation() {
                    return relation;
                }

                @Override
                public void close() {}
            };
        }
        String stage = dialect.qualifiedSchema() + "."
                + dialect.quote(
                        TrinoEngine.STAGE_PREFIX + UUID.randomUUID().toString().replace("-", ""));
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(stage).append(" (_id bigint, _ft varchar");
        for (String name : names.subList(2, names.size())) {
            ddl.append(", ").append(name).append(" varchar");
        }
        try (Statement s = c.createStatement()) {
            s.execute(ddl.append(')').toString());
        }
        Source staged = new Source() {
            @Override
            public String relation() {
                return stage + " AS s";
            }

            @Override
            public void close() throws SQLException {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + stage);
                }
            }
        };
        try {
            for (List<String> chunk : chunks) {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO " + stage + " SELECT * FROM (VALUES " + String.join(", ", chunk) + ") AS s("
                            + String.join(", ", names) + ")");
                }
            }
        } catch (SQLException | RuntimeException e) {
            staged.close();
            throw e;
        }
        return staged;
    }

    private static List<List<String>> chunks(List<String> rows) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        long size = 0;
        for (String row : rows) {
            if (!current.isEmpty() && size + row.length() > MAX_STATEMENT_CHARS) {
                out.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(row);
            size += row.length() + 2;
        }
        out.add(current);
        return out;
    }

    private static String literal(@Nullable String value) {
        return value == null ? "NULL" : TrinoCatalog.literal(value);
    }

    private static List<ColumnDef> columns(TableDef table, RowBatch batch) {
        Map<String, ColumnDef> byId = new HashMap<>();
        table.fields().forEach(f -> byId.put(f.id(), f));
        byId.put("_id", ColumnDef.ID);
        List<ColumnDef> out = new ArrayList<>(batch.columns().size());
        for (String name : batch.columns()) {
            ColumnDef col = byId.get(name);
            if (col == null) {
                throw ApiException.validation("records", "unknown column " + name);
            }
            out.add(col);
        }
        return out;
    }
}
