package datastore.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.IntPredicate;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;

/** The engine underneath the service, driven through plain JDBC with its own database. */
abstract class Raw implements AutoCloseable {
    static final String ROWS = "raw_rows";
    static final String PK = "raw_pk";
    static final String COLS =
            "id, name, category, city, description, \"count\", amount, price, active, recorded_at, day";
    static final String UPDATE_SET = "name = excluded.name, category = excluded.category, city = excluded.city,"
            + " description = excluded.description, \"count\" = excluded.\"count\", amount = excluded.amount,"
            + " price = excluded.price, active = excluded.active, recorded_at = excluded.recorded_at,"
            + " day = excluded.day";

    final Data data;

    Raw(Data data) {
        this.data = data;
    }

    abstract String engine();

    abstract Connection connect() throws SQLException;

    abstract String ddl(String table, boolean primaryKey);

    /** Bulk-loads rows {@code [from, to)} that {@code include} accepts (appender / COPY). */
    abstract void load(Connection c, String table, int from, int to, IntPredicate include) throws Exception;

    /** Upserts rows {@code [from, to)} into the keyed table: bulk-load a staging table, INSERT … ON CONFLICT. */
    abstract void upsert(Connection c, int worker, int from, int to) throws Exception;

    void createTables() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(ddl(ROWS, false));
            s.execute(ddl(PK, true));
        }
    }

    /** A worker's query on its own connection; reads every value so rows are really materialised. */
    Load.OpFactory query(String sql, java.util.function.ToLongFunction<java.util.SplittableRandom> param) {
        return () -> {
            Connection c = connect();
            PreparedStatement ps = c.prepareStatement(sql);
            return new Load.Op() {
                @Override
                public void run(java.util.SplittableRandom random) throws Exception {
                    if (param != null) ps.setLong(1, param.applyAsLong(random));
                    try (ResultSet rs = ps.executeQuery()) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= n; i++) rs.getObject(i);
                        }
                    }
                }

                @Override
                public void close() throws Exception {
                    ps.close();
                    c.close();
                }
            };
        };
    }

    /** Streams the whole table, ordered by id, as CSV into {@code out}; returns the rows written. */
    long dumpCsv(OutputStream out) throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("SELECT " + COLS + " FROM " + ROWS + " ORDER BY id")) {
                    Writer w = new java.io.BufferedWriter(
                            new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
                    int n = rs.getMetaData().getColumnCount();
                    w.write(COLS.replace("\"", "").replace(" ", ""));
                    w.write('\n');
                    long rows = 0;
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            if (i > 1) w.write(',');
                            String v = rs.getString(i);
                            if (v == null) continue;
                            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                                w.write('"');
                                w.write(v.replace("\"", "\"\""));
                                w.write('"');
                            } else {
                                w.write(v);
                            }
                        }
                        w.write('\n');
                        rows++;
                    }
                    w.flush();
                    return rows;
                }
            }
        }
    }

    static final class DuckDb extends Raw {
        final Path file;
        final DuckDBConnection root;

        DuckDb(Data data, Path dir) throws Exception {
            super(data);
            Files.createDirectories(dir);
            file = dir.resolve("raw.duckdb");
            Files.deleteIfExists(file);
            Properties p = new Properties();
            p.setProperty("jdbc_stream_results", "true");
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, p);
        }

        @Override
        String engine() {
            return "duckdb";
        }

        @Override
        Connection connect() throws SQLException {
            return root.duplicate();
        }

        @Override
        String ddl(String table, boolean primaryKey) {
            return "CREATE TABLE " + table + " (id BIGINT" + (primaryKey ? " PRIMARY KEY" : "")
                    + ", name VARCHAR, category VARCHAR, city VARCHAR, description VARCHAR, \"count\" INTEGER,"
                    + " amount DOUBLE, price DECIMAL(18,2), active BOOLEAN, recorded_at TIMESTAMP, day DATE)";
        }

        @Override
        void load(Connection c, String table, int from, int to, IntPredicate include) throws Exception {
            try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
                for (int i = from; i < to; i++) {
                    if (!include.test(i)) continue;
                    a.beginRow();
                    a.append(data.id(i));
                    a.append(data.name(i));
                    a.append(Data.CATEGORY[data.category[i]]);
                    a.append(Data.CITY[data.city[i]]);
                    a.append(data.description[i]);
                    a.append(data.count[i]);
                    a.append(data.amount[i]);
                    a.append(BigDecimal.valueOf(data.priceCents[i], 2));
                    a.append(data.active[i]);
                    a.append(data.timestamp(i));
                    a.append(data.date(i));
                    a.endRow();
                }
            }
        }

        @Override
        void upsert(Connection c, int worker, int from, int to) throws Exception {
            String stage = "stage_" + worker;
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + stage + " AS SELECT * FROM " + PK + " LIMIT 0");
                load(c, stage, from, to, i -> true);
                s.execute("INSERT INTO " + PK + " SELECT * FROM " + stage + " ON CONFLICT (id) DO UPDATE SET "
                        + UPDATE_SET);
                s.execute("DELETE FROM " + stage);
            }
        }

        @Override
        public void close() throws Exception {
            root.close();
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
        }
    }

    static final class Postgres extends Raw {
        final String adminUrl;
        final String database;
        final String url;

        Postgres(Data data, String adminUrl, String database) throws SQLException {
            super(data);
            this.adminUrl = adminUrl;
            this.database = database;
            this.url = Bench.withDatabase(adminUrl, database);
            Bench.createDatabase(adminUrl, database);
        }

        @Override
        String engine() {
            return "postgres";
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        String ddl(String table, boolean primaryKey) {
            return "CREATE TABLE " + table + " (id bigint" + (primaryKey ? " PRIMARY KEY" : "")
                    + ", name text, category text, city text, description text, \"count\" int, amount float8,"
                    + " price numeric, active bool, recorded_at timestamp, day date)";
        }

        @Override
        void load(Connection c, String table, int from, int to, IntPredicate include) throws Exception {
            copy(c, table, data.csv(from, to, include));
        }

        static void copy(Connection c, String table, byte[] csv) throws SQLException, IOException {
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + COLS + ") FROM STDIN (FORMAT csv)", new ByteArrayInputStream(csv));
        }

        /** Upsert from a CSV batch prepared beforehand (the timed part). */
        void upsertCsv(Connection c, byte[] csv) throws Exception {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE stage (LIKE " + PK + ") ON COMMIT DROP");
                copy(c, "stage", csv);
                s.execute("INSERT INTO " + PK + " SELECT * FROM stage ON CONFLICT (id) DO UPDATE SET " + UPDATE_SET);
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }

        @Override
        void upsert(Connection c, int worker, int from, int to) throws Exception {
            upsertCsv(c, data.csv(from, to, i -> true));
        }

        @Override
        public void close() throws Exception {
            Bench.dropDatabase(adminUrl, database);
        }
    }
}
