package datastore.infrastructure.engines.duckdb;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.WriteRows;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import datastore.infrastructure.engines.jdbc.Jdbc;
import datastore.schemas.write.WriteMethod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Writes row batches the fast way: DuckDB's appender fills a staging table inside the caller's
 * transaction, then one set-based INSERT / UPDATE moves the rows into the datastore table.
 */
final class DuckDbWriter {
    private final DuckDbDialect dialect;
    private final TextAnalyzer analyzer;

    DuckDbWriter(DuckDbDialect dialect, TextAnalyzer analyzer) {
        this.dialect = dialect;
        this.analyzer = analyzer;
    }

    /** Counters a write moves forward. */
    record Outcome(long inserted, long nextId) {}

    /** Appends rows with insert semantics; ids are assigned from {@code nextId}. */
    Outcome insert(DuckDBConnection c, TableDef table, RowBatch batch, long nextId) {
        if (batch.isEmpty()) {
            return new Outcome(0, nextId);
        }
        List<ColumnDef> cols = columns(table, batch);
        String stage = stage(c, table, cols.size(), batch, nextId, docs(table, batch));
        StringBuilder sql = new StringBuilder("INSERT INTO ")
                .append(dialect.table(table.id()))
                .append(" (_id, ")
                .append(DuckDbDialect.FULL_TEXT);
        cols.forEach(col -> sql.append(", ").append(dialect.quote(col.id())));
        sql.append(") SELECT _id, _ft");
        for (int i = 0; i < cols.size(); i++) {
            sql.append(", ").append(dialect.castColumn("c" + i, cols.get(i).type()));
        }
        sql.append(" FROM ").append(stage).append(" ORDER BY _ord");
        long n = execute(c, sql.toString(), table, batch);
        drop(c, stage);
        return new Outcome(n, nextId + n);
    }

    /** Applies one upsert/update group: update matches by key, insert the rest (upsert only). */
    Outcome merge(DuckDBConnection c, TableDef table, WriteMethod method, WriteRows.Group group, long nextId) {
        RowBatch batch = group.rows();
        if (batch.isEmpty()) {
            return new Outcome(0, nextId);
        }
        List<ColumnDef> cols = columns(table, batch);
        boolean complete = batch.columns().containsAll(table.fieldIds());
        String raw = stage(c, table, cols.size(), batch, 0, complete ? docs(table, batch) : null);
        String typed = raw.substring(0, raw.length() - 1) + "_t\"";
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(typed).append(" AS SELECT _ord, _ft");
        for (int i = 0; i < cols.size(); i++) {
            create.append(", ")
                    .append(dialect.castColumn("c" + i, cols.get(i).type()))
                    .append(" AS c")
                    .append(i);
        }
        create.append(" FROM ").append(raw);
        execute(c, create.toString(), table, batch);
        drop(c, raw);

        String match = keyMatch(table, batch, group.keys());
        boolean byId = group.keys().equals(List.of("_id"));
        if (method == WriteMethod.UPDATE) {
            requireAllKeysExist(c, table, batch, group.keys(), typed, match);
        }
        List<String> setCols = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            if (!group.keys().contains(cols.get(i).id())) {
                setCols.add(dialect.quote(cols.get(i).id()) + " = s.c" + i);
            }
        }
        setCols.add(DuckDbDialect.FULL_TEXT + " = s._ft");
        if (method != WriteMethod.INSERT_IGNORE) {
            execute(
                    c,
                    "UPDATE " + dialect.table(table.id()) + " AS t SET " + String.join(", ", setCols) + " FROM " + typed
                            + " AS s WHERE " + match,
                    table,
                    batch);
        }

        long inserted = 0;
        long next = nextId;
        if (method == WriteMethod.UPSERT || method == WriteMethod.INSERT_IGNORE) {
            int idColumn = batch.columns().indexOf("_id");
            StringBuilder ins = new StringBuilder("INSERT INTO ")
                    .append(dialect.table(table.id()))
                    .append(" (_id, ")
                    .append(DuckDbDialect.FULL_TEXT);
            for (int i = 0; i < cols.size(); i++) {
                if (i != idColumn) {
                    ins.append(", ").append(dialect.quote(cols.get(i).id()));
                }
            }
            // New rows take the next ids in order; CKAN does not keep an unknown _id sent for upsert.
            ins.append(") SELECT ")
                    .append(nextId + " + row_number() OVER (ORDER BY s._ord) - 1")
                    .append(", s._ft");
            for (int i = 0; i < cols.size(); i++) {
                if (i != idColumn) {
                    ins.append(", s.c").append(i);
                }
            }
            ins.append(" FROM ")
                    .append(typed)
                    .append(" AS s WHERE NOT EXISTS (SELECT 1 FROM ")
                    .append(dialect.table(table.id()))
                    .append(" AS t WHERE ")
                    .append(match)
                    .append(")");
            inserted = execute(c, ins.toString(), table, batch);
            next = nextId + inserted;
        }
        if (!complete) {
            refreshDocuments(c, table, typed, match, batch);
        }
        drop(c, typed);
        return new Outcome(inserted, next);
    }

    /** Recomputes {@code _full_text} for rows a partial write touched, from their stored values. */
    private void refreshDocuments(DuckDBConnection c, TableDef table, String typed, String match, RowBatch batch) {
        StringBuilder sql = new StringBuilder("SELECT t._id");
        for (ColumnDef col : table.fields()) {
            sql.append(", CAST(t.").append(dialect.quote(col.id())).append(" AS VARCHAR)");
        }
        sql.append(" FROM ")
                .append(dialect.table(table.id()))
                .append(" AS t JOIN ")
                .append(typed)
                .append(" AS s ON ")
                .append(match);
        String docs = "_datastore.\"stage_" + UUID.randomUUID().toString().replace("-", "") + "\"";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + docs + " (_id BIGINT, _ft VARCHAR)");
            try (ResultSet rs = s.executeQuery(sql.toString());
                    DuckDBAppender app = c.createAppender(DuckDbCatalog.SCHEMA, unquote(docs))) {
                List<@Nullable String> values = new ArrayList<>(table.fields().size());
                while (rs.next()) {
                    values.clear();
                    for (int i = 0; i < table.fields().size(); i++) {
                        values.add(rs.getString(i + 2));
                    }
                    app.beginRow();
                    app.append(rs.getLong(1));
                    app.append(analyzer.document(values));
                    app.endRow();
                }
            }
            s.execute("UPDATE " + dialect.table(table.id()) + " AS t SET " + DuckDbDialect.FULL_TEXT + " = d._ft FROM "
                    + docs + " AS d WHERE t._id = d._id");
            s.execute("DROP TABLE " + docs);
        } catch (SQLException e) {
            throw DuckDbErrors.records(e, table, batch);
        }
    }

    private void requireAllKeysExist(
            DuckDBConnection c, TableDef table, RowBatch batch, List<String> keys, String typed, String match) {
        List<String> keyColumns =
                keys.stream().map(k -> "c" + batch.columns().indexOf(k)).toList();
        try {
            Jdbc.requireKeysExist(c, typed, dialect.table(table.id()), match, keys, keyColumns, batch.firstRow());
        } catch (SQLException e) {
            throw DuckDbErrors.records(e, table, batch);
        }
    }

    private String keyMatch(TableDef table, RowBatch batch, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            parts.add("t." + dialect.quote(k) + " = s.c" + batch.columns().indexOf(k));
        }
        return String.join(" AND ", parts);
    }

    private static List<ColumnDef> columns(TableDef table, RowBatch batch) {
        Map<String, ColumnDef> byId = new HashMap<>();
        table.fields().forEach(f -> byId.put(f.id(), f));
        byId.put("_id", ColumnDef.ID);
        List<ColumnDef> out = new ArrayList<>(batch.columns().size());
        for (String name : batch.columns()) {
            ColumnDef col = byId.get(name);
            if (col == null) {
                throw new IllegalArgumentException("unknown column " + name);
            }
            out.add(col);
        }
        return out;
    }

    /** Full-text documents for complete rows, built from every user column in table order. */
    private String[] docs(TableDef table, RowBatch batch) {
        int[] positions = new int[table.fields().size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = batch.columns().indexOf(table.fields().get(i).id());
        }
        String[] docs = new String[batch.size()];
        // Analysing text is the costliest part of a write in Java; rows are independent, so use every core.
        java.util.stream.IntStream.range(0, docs.length).parallel().forEach(r -> {
            @Nullable String[] row = batch.rows().get(r);
            List<String> values = new ArrayList<>(positions.length);
            for (int p : positions) {
                if (p >= 0 && row[p] != null) {
                    values.add(row[p]);
                }
            }
            docs[r] = analyzer.document(values);
        });
        return docs;
    }

    /** Creates and fills a staging table of VARCHAR columns c0..cN plus _ord, _id and _ft. */
    private String stage(
            DuckDBConnection c, TableDef table, int width, RowBatch batch, long firstId, String @Nullable [] docs) {
        String name = "stage_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder ddl = new StringBuilder("CREATE TABLE ")
                .append(DuckDbCatalog.SCHEMA)
                .append(".\"")
                .append(name)
                .append("\" (_ord BIGINT, _id BIGINT, _ft VARCHAR");
        for (int i = 0; i < width; i++) {
            ddl.append(", c").append(i).append(" VARCHAR");
        }
        ddl.append(")");
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
            try (DuckDBAppender app = c.createAppender(DuckDbCatalog.SCHEMA, name)) {
                long ord = 0;
                for (@Nullable String[] row : batch.rows()) {
                    app.beginRow();
                    app.append(ord);
                    app.append(firstId + ord);
                    if (docs == null) {
                        app.appendNull();
                    } else {
                        app.append(docs[(int) ord]);
                    }
                    for (int i = 0; i < width; i++) {
                        if (row[i] == null) {
                            app.appendNull();
                        } else {
                            app.append(row[i]);
                        }
                    }
                    app.endRow();
                    ord++;
                }
            }
        } catch (SQLException e) {
            throw DuckDbErrors.records(e, table, batch);
        }
        return DuckDbCatalog.SCHEMA + ".\"" + name + "\"";
    }

    private static long execute(Connection c, String sql, TableDef table, RowBatch batch) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            return p.executeLargeUpdate();
        } catch (SQLException e) {
            throw DuckDbErrors.records(e, table, batch);
        }
    }

    private static void drop(Connection c, String table) {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            throw DuckDbErrors.query(e);
        }
    }

    private static String unquote(String qualified) {
        String t = qualified.substring(qualified.indexOf('.') + 1);
        return t.substring(1, t.length() - 1);
    }
}
