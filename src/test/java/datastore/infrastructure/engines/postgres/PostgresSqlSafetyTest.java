package datastore.infrastructure.engines.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import datastore.schemas.ckan.SearchRequest;
import datastore.services.read.SqlResult;
import datastore.services.read.SqlService;
import datastore.services.sql.AllowList;
import datastore.services.sql.SqlGuard;
import datastore.testing.CkanCalls;
import datastore.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * datastore_search_sql on PostgreSQL: the guard with this engine's allow-list refuses what CKAN refuses,
 * and what reaches the database runs read-only under a statement timeout.
 */
class PostgresSqlSafetyTest {
    private static PostgresTestDatabase db;
    private static StorageEngine engine;
    private static SqlService sql;

    @BeforeAll
    static void start() {
        db = PostgresTestDatabase.create();
        engine = new PostgresEngineFactory().create(new EngineConfig(Path.of("unused"), Map.of(), db.jdbcUrl()));
        sql = new SqlService(
                engine,
                new SqlGuard(AllowList.load(null, engine.allowedFunctionsResource())),
                100,
                Duration.ofSeconds(1));
        ObjectNode body = (ObjectNode) JsonMapper.builder()
                .build()
                .readTree("{\"resource_id\": \"t\", \"records\": [{\"a\": 1}, {\"a\": 2}]}");
        new CkanCalls(engine, new SearchRequest.Limits(100, 32000, "english")).create(body);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT pg_sleep(10)",
                "SELECT pg_read_file('/etc/passwd')",
                "SELECT query_to_xml('DELETE FROM t', true, true, '')",
                "SELECT * FROM dblink('dbname=postgres', 'SELECT 1') AS x(a int)",
                "SELECT ts_rewrite('a'::tsquery, 'SELECT keyword, sample FROM aliases')",
                "SELECT set_config('statement_timeout', '0', false)",
                "SELECT lo_import('/etc/passwd')",
                "SELECT current_setting('data_directory')",
            })
    void dangerousFunctionsAre403(String query) {
        assertThatThrownBy(() -> sql.check(query)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCode.NOT_AUTHORIZED));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM pg_catalog.pg_authid",
                "SELECT * FROM pg_roles",
                "SELECT * FROM information_schema.tables",
                "SELECT * FROM pg_stat_activity",
            })
    void systemCatalogsAre403(String query) {
        assertThatThrownBy(() -> sql.check(query))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .contains("Not authorized to access system tables"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                "WITH u AS (UPDATE t SET a = 0 RETURNING *) SELECT count(*) FROM u",
                "SELECT 1; DROP TABLE t",
                "DELETE FROM t",
            })
    void writesAreRefused(String query) {
        assertThatThrownBy(() -> sql.run(query, sql.check(query))).isInstanceOf(ApiException.class);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void whatReachesTheDatabaseRunsReadOnly() {
        // Straight to the engine, past the guard: the read-only transaction still refuses.
        assertThatThrownBy(
                        () -> drain(engine.sql("SELECT * FROM \"t\" FOR UPDATE", 10, 1 << 20, Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldErrors().get("query").get(0)).contains("read-only transaction"));
        assertThatThrownBy(() -> drain(engine.sql("SELECT nextval('t__id_seq')", 10, 1 << 20, Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldErrors().get("query").get(0)).contains("read-only transaction"));
    }

    @Test
    void slowQueriesHitTheStatementTimeout() {
        String slow = "SELECT count(*) FROM generate_series(1, 1000000000) AS g";
        assertThatThrownBy(() -> {
                    try (SqlResult r = sql.run(slow, sql.check(slow))) {
                        while (r.rows().next()) {
                            // drain
                        }
                    }
                })
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldErrors().get("query")).containsExactly("Query took too long"));
    }

    @Test
    void allowedQueriesRun() {
        String ok = "SELECT upper(CAST(a AS text)) AS u, count(*) OVER () FROM \"t\" ORDER BY a";
        try (SqlResult r = sql.run(ok, sql.check(ok))) {
            assertThat(r.rows().next()).isTrue();
            assertThat(r.rows().value(0)).isEqualTo("1");
        }
    }

    private static long count() {
        String q = "SELECT count(*) AS n FROM \"t\"";
        try (SqlResult r = sql.run(q, sql.check(q))) {
            r.rows().next();
            return ((Number) r.rows().value(0)).longValue();
        }
    }

    private static void drain(datastore.infrastructure.engines.RowCursor c) {
        try (c) {
            while (c.next()) {
                // drain
            }
        }
    }
}
