package datastore.infrastructure.engines.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.Total;
import datastore.schemas.ckan.SearchRequest;
import datastore.services.read.CursorRows;
import datastore.services.read.QueryPlanner;
import datastore.testing.CkanCalls;
import datastore.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What only the PostgreSQL engine does: libpq URLs, estimated totals, COPY escaping, CKAN's layout. */
class PostgresEngineTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SearchRequest.Limits LIMITS = new SearchRequest.Limits(100, 32000, "english");
    private PostgresTestDatabase db;
    private StorageEngine engine;

    @BeforeEach
    void start() {
        db = PostgresTestDatabase.create();
        // The libpq form, as CKAN's ckan.datastore.write_url spells it.
        String url = "postgresql://postgres@127.0.0.1:5432/" + db.name();
        if (System.getenv("DATASTORE_TEST_PG_URL") != null) {
            url = db.jdbcUrl();
        }
        engine = new PostgresEngineFactory().create(new EngineConfig(Path.of("unused"), Map.of(), url));
    }

    @AfterEach
    void stop() {
        engine.close();
        db.close();
    }

    private void create(String body) {
        new CkanCalls(engine, LIMITS).create((ObjectNode) JSON.readTree(body.replace('\'', '"')));
    }

    private List<List<Object>> rows(String body) {
        List<List<Object>> out = new ArrayList<>();
        try (CursorRows r =
                new CkanCalls(engine, LIMITS).dump((ObjectNode) JSON.readTree(body.replace('\'', '"')), null)) {
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < r.fields().size(); i++) {
                    row.add(r.value(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void totalsAreEstimatedFromStatisticsAboveTheThresholdOnly() throws Exception {
        create("{'resource_id': 'big', 'fields': [{'id': 'n', 'type': 'int'}]}");
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO big (n) SELECT g FROM generate_series(1, 5000) g");
            s.execute("ANALYZE big");
        }
        var table = engine.table("big").orElseThrow();
        var query = QueryPlanner.plan(
                SearchRequest.parse((ObjectNode) JSON.readTree("{\"resource_id\": \"big\"}"), LIMITS)
                        .search(),
                table,
                100);
        assertThat(engine.count(query, OptionalLong.of(1000))).isEqualTo(new Total(5000, true));
        assertThat(engine.count(query, OptionalLong.of(100_000))).isEqualTo(new Total(5000, false));
        assertThat(engine.count(query, OptionalLong.empty())).isEqualTo(new Total(5000, false));
        assertThat(table.rowCount()).isEqualTo(5000);
    }

    @Test
    void copyCarriesTabsNewlinesBackslashesAndUnicode() {
        String tricky = "a\tb\nc\\d\re \\N ü 😀 \"q\" 'x'";
        ObjectNode body = (ObjectNode) JSON.readTree("{\"resource_id\": \"esc\", \"fields\": [{\"id\": \"t\","
                + " \"type\": \"text\"}, {\"id\": \"a\", \"type\": \"_text\"}], \"records\": [{\"a\": [\"x,y\", null, \"{}\"]},"
                + " {\"t\": \"\", \"a\": []}, {\"t\": null, \"a\": null}]}");
        ((ObjectNode) body.get("records").get(0)).put("t", tricky);
        new CkanCalls(engine, LIMITS).create(body);
        List<List<Object>> rows = rows("{'resource_id': 'esc', 'fields': 't,a'}");
        assertThat(rows.get(0)).containsExactly(tricky, java.util.Arrays.asList("x,y", null, "{}"));
        assertThat(rows.get(1)).containsExactly("", List.of());
        assertThat(rows.get(2)).containsExactly(null, null);
    }

    @Test
    void tablesHaveCkansLayout() throws Exception {
        create("{'resource_id': 'lay', 'fields': [{'id': 'x', 'type': 'text', 'info': {'label': 'X'}}],"
                + " 'primary_key': 'x', 'records': [{'x': 'hello world'}]}");
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid),"
                        + " (SELECT _full_text::text FROM lay), col_description('lay'::regclass, 3),"
                        + " (SELECT count(*) FROM pg_trigger WHERE tgrelid = 'lay'::regclass AND tgname = 'zfulltext'),"
                        + " (SELECT string_agg(am.amname, ',' ORDER BY am.amname) FROM pg_index x JOIN pg_class i"
                        + "  ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam WHERE x.indrelid = 'lay'::regclass)"
                        + " FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " WHERE a.attrelid = 'lay'::regclass AND a.attname = '_id'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("integer");
            assertThat(rs.getString(2)).isEqualTo("nextval('lay__id_seq'::regclass)");
            assertThat(rs.getString(3)).isEqualTo("'hello':1 'world':2");
            assertThat(rs.getString(4)).isEqualTo(" {\"_info\":{\"label\":\"X\"}}");
            assertThat(rs.getInt(5)).isEqualTo(1);
            assertThat(rs.getString(6)).isEqualTo("btree,btree,gin");
        }
    }

    /** Every statement the engine's connections run, by SQL text. */
    private static final class RecordingDataSource extends org.postgresql.ds.PGSimpleDataSource {
        final List<String> statements = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            Connection real = super.getConnection();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                            statements.add(sql);
                        }
                        Object result = invoke(method, real, args);
                        if (result instanceof Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                            return recording(statement);
                        }
                        return result;
                    });
        }

        private Statement recording(Statement real) {
            return (Statement) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql) {
                            statements.add(sql);
                        }
                        return invoke(method, real, args);
                    });
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** How often a table's definition was read from PostgreSQL's catalog (its columns, then the rest). */
        long tableLoads() {
            return statements.stream()
                    .filter(sql -> sql.contains("FROM pg_attribute a JOIN pg_type t"))
                    .count();
        }
    }

    @Test
    void aWriteReadsTheCatalogOnceTheLookupOfItsRequest() throws Exception {
        create("{'resource_id': 'counted', 'primary_key': 'id', 'fields': [{'id': 'id', 'type': 'int'},"
                + " {'id': 'v', 'type': 'text'}], 'records': [{'id': 1, 'v': 'a'}]}");
        RecordingDataSource source = new RecordingDataSource();
        source.setUrl(db.jdbcUrl());
        try (PostgresEngine counted = new PostgresEngine(source, () -> {}, "public")) {
            CkanCalls write = new CkanCalls(counted, LIMITS);
            for (String method : List.of("upsert", "insert", "update")) {
                source.statements.clear();
                String id = method.equals("insert") ? "2" : "1";
                write.upsert((ObjectNode) JSON.readTree(("{'resource_id': 'counted', 'method': '" + method
                                + "', 'records': [{'id': " + id + ", 'v': 'b'}]}")
                        .replace('\'', '"')));
                assertThat(source.tableLoads())
                        .as(method + ": " + source.statements)
                        .isEqualTo(1);
            }
        }
        assertThat(rows("{'resource_id': 'counted', 'fields': 'id,v', 'sort': 'id'}"))
                .containsExactly(List.of(1, "b"), List.of(2, "b"));
    }

    @Test
    void nestedCompositeTextGivesTheJson() {
        assertThat(PostgresValues.nestedJson("(\"{\"\"a\"\": \"\"x,y\"\"}\",\"\")"))
                .isEqualTo("{\"a\": \"x,y\"}");
        assertThat(PostgresValues.nestedJson("(,)")).isNull();
        assertThat(PostgresValues.nestedJson("(1,\"\")")).isEqualTo("1");
        assertThat(PostgresValues.nestedJson(null)).isNull();
    }
}
