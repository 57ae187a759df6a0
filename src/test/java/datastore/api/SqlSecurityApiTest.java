package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import datastore.testing.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The holes of datastore_search_sql closed for issue 9: each test fails on the code before the fix, on either engine. */
class SqlSecurityApiTest {
    private static Map<String, String> auth(String token) {
        return Map.of("Authorization", token);
    }

    private static String mint(TestServer s, String admin, Map<String, Object> params) {
        TestServer.Response r = s.action("datastore_token_create", params, auth(admin));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("token").asString();
    }

    private static void create(TestServer s, String id, String records, Map<String, String> headers) {
        TestServer.Response r =
                s.action("datastore_create", "{\"resource_id\":\"" + id + "\",\"records\":" + records + "}", headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aCteNamedLikeATableInAnotherCaseNeverReadsTheTableUnauthorised() {
        try (TestServer s = TestServer.start(Map.of())) {
            String admin = s.adminToken().orElseThrow();
            create(s, "secret_t", "[{\"secret\":\"s3cr3t\"}]", auth(admin));
            create(s, "public_t", "[{\"a\":1}]", auth(admin));
            String reader = mint(
                    s, admin, Map.of("restrictions", Map.of("resources", Map.of("public_t", List.of("read", "sql")))));
            TestServer.Response r = s.action(
                    "datastore_search_sql",
                    Map.of("sql", "WITH \"SECRET_T\" AS (SELECT 1 AS x) SELECT * FROM secret_t"),
                    auth(reader));
            // DuckDB matches the CTE (names are case-insensitive there); PostgreSQL reads the table, which
            // this token may not: either way the secret never comes back.
            assertThat(r.body()).doesNotContain("s3cr3t");
            if (r.status() == 200) {
                assertThat(TestServer.engine()).isEqualTo("duckdb");
                assertThat(r.result().get("records").toString()).isEqualTo("[{\"x\":1}]");
            } else {
                assertThat(r.status()).isEqualTo(403);
            }
        }
    }

    @Test
    void plainPostgresTablesOutsideTheDatastoreAreUnreachable() throws Exception {
        assumeTrue(TestServer.engine().equals("postgres"), "a PostgreSQL database of its own");
        try (TestServer s = TestServer.open(Map.of())) {
            try (Connection c = s.database().orElseThrow().connect();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE plain_secret (v text)");
                st.execute("INSERT INTO plain_secret VALUES ('s3cr3t')");
            }
            for (String sql : List.of(
                    "WITH \"PLAIN_SECRET\" AS (SELECT 1 AS x) SELECT * FROM plain_secret",
                    "WITH \"Plain_Secret\" AS (SELECT 1 AS x) SELECT * FROM PLAIN_SECRET",
                    "SELECT * FROM plain_secret",
                    "SELECT * FROM public.plain_secret")) {
                TestServer.Response r = s.action("datastore_search_sql", Map.of("sql", sql));
                assertThat(r.status()).as(sql).isIn(403, 409);
                assertThat(r.body()).as(sql).doesNotContain("s3cr3t");
            }
        }
    }

    @Test
    void sqlReadingNoTableStillNeedsTheRightToRunSql() {
        try (TestServer s = TestServer.start(Map.of("AUTH_ANONYMOUS_READ", "false"))) {
            String admin = s.adminToken().orElseThrow();
            create(s, "t", "[{\"a\":1}]", auth(admin));
            TestServer.Response anonymous = s.action("datastore_search_sql", Map.of("sql", "SELECT 1 AS one"));
            assertThat(anonymous.status()).isEqualTo(403);
            // Refused before parsing: broken SQL from a caller without the right is a 403, not a syntax error.
            assertThat(s.action("datastore_search_sql", Map.of("sql", "SELECT (((("))
                            .status())
                    .isEqualTo(403);

            String readOnly = mint(s, admin, Map.of("restrictions", Map.of("all", List.of("read"))));
            TestServer.Response noSql =
                    s.action("datastore_search_sql", Map.of("sql", "SELECT 1 AS one"), auth(readOnly));
            assertThat(noSql.status()).isEqualTo(403);
            assertThat(noSql.error().get("message").asString()).contains("do not allow sql");

            TestServer.Response forged =
                    s.action("datastore_search_sql", Map.of("sql", "SELECT 1 AS one"), auth(admin + "x"));
            assertThat(forged.status()).isEqualTo(403);

            TestServer.Response created = s.action(
                    "datastore_token_create",
                    Map.of("restrictions", Map.of("resources", Map.of("t", List.of("read", "sql")))),
                    auth(admin));
            String sqlToken = created.result().get("token").asString();
            assertThat(s.action("datastore_search_sql", Map.of("sql", "SELECT 1 AS one"), auth(sqlToken))
                            .status())
                    .isEqualTo(200);
            s.action(
                    "datastore_token_revoke",
                    Map.of("id", created.result().get("id").asString()),
                    auth(admin));
            TestServer.Response revoked =
                    s.action("datastore_search_sql", Map.of("sql", "SELECT 1 AS one"), auth(sqlToken));
            assertThat(revoked.status()).isEqualTo(403);
            assertThat(revoked.error().get("message").asString()).contains("revoked");
        }
    }

    @Test
    void overLongSqlIsRefusedUnparsedNamingSql() {
        try (TestServer s = TestServer.open(Map.of("SQL_MAX_LENGTH", "1000"))) {
            String sql = "SELECT 1 AS one" + " ".repeat(1000);
            TestServer.Response r = s.action("datastore_search_sql", Map.of("sql", sql));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.error().get("sql").get(0).asString()).contains("SQL_MAX_LENGTH");
            assertThat(s.action("datastore_search_sql", Map.of("sql", "SELECT 1 AS one"))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aHugeValueIsOneCleanErrorAndNeverReachesTheHeap() {
        try (TestServer s = TestServer.open(Map.of())) {
            TestServer.Response r =
                    s.action("datastore_search_sql", Map.of("sql", "SELECT repeat('x', 200000000) AS v"));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.error().get("query").get(0).asString()).contains("SQL_VALUE_MAX_BYTES");
            assertThat(r.bytes().length).isLessThan(10_000);
            assertThat(s.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void resultsAndValuesOverTheirCapsAreRefusedBeforeTheResponseStarts() {
        try (TestServer s = TestServer.open(Map.of("SQL_RESULT_MAX_BYTES", "4096", "SQL_VALUE_MAX_BYTES", "1024"))) {
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < 10; i++) {
                rows.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
            }
            create(s, "caps", rows.append(']').toString(), Map.of());
            TestServer.Response big =
                    s.action("datastore_search_sql", Map.of("sql", "SELECT n, repeat('x', 1000) AS v FROM caps"));
            assertThat(big.status()).isEqualTo(409);
            assertThat(big.json().get("success").asBoolean()).isFalse();
            assertThat(big.error().get("query").get(0).asString()).contains("SQL_RESULT_MAX_BYTES");
            TestServer.Response value =
                    s.action("datastore_search_sql", Map.of("sql", "SELECT repeat('x', 2000) AS v"));
            assertThat(value.status()).isEqualTo(409);
            assertThat(value.error().get("query").get(0).asString()).contains("SQL_VALUE_MAX_BYTES");
            TestServer.Response fine = s.action(
                    "datastore_search_sql", Map.of("sql", "SELECT n, repeat('x', 100) AS v FROM caps ORDER BY n"));
            assertThat(fine.status()).as(fine.body()).isEqualTo(200);
            assertThat(fine.result().get("records")).hasSize(10);
            assertThat(fine.result().get("records").get(9).get("v").asString()).hasSize(100);
        }
    }

    @Test
    void slowSqlDoesNotHoldUpHealthOrSmallSearches() throws Exception {
        try (TestServer s = TestServer.open(Map.of("SQL_TIMEOUT_SECONDS", "10"))) {
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < 3000; i++) {
                rows.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
            }
            create(s, "big", rows.append(']').toString(), Map.of());
            String slow = "SELECT count(*) AS c FROM big a, big b, big c WHERE a.n + b.n + c.n = -1";
            List<CompletableFuture<TestServer.Response>> running = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                running.add(CompletableFuture.supplyAsync(() -> s.action("datastore_search_sql", Map.of("sql", slow))));
            }
            Thread.sleep(1000);
            CompletableFuture<TestServer.Response> health = CompletableFuture.supplyAsync(() -> s.get("/health"));
            assertThat(health.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
            CompletableFuture<TestServer.Response> search = CompletableFuture.supplyAsync(
                    () -> s.action("datastore_search", Map.of("resource_id", "big", "limit", 1)));
            JsonNode found = search.get(15, TimeUnit.SECONDS).result();
            assertThat(found.get("records")).hasSize(1);
            // Both answered while slow SQL was still at work.
            assertThat(running).anyMatch(f -> !f.isDone());
            for (CompletableFuture<TestServer.Response> f : running) {
                assertThat(f.get(120, TimeUnit.SECONDS).status()).isIn(200, 409, 503);
            }
        }
    }

    @Test
    void internalNamesCannotBeReadOrShadowedInSql() {
        try (TestServer s = TestServer.open(Map.of())) {
            for (String sql : List.of(
                    "SELECT * FROM _table_metadata",
                    "WITH _table_metadata AS (SELECT 1 AS x) SELECT * FROM _table_metadata",
                    "WITH \"_TABLE_METADATA\" AS (SELECT 1 AS x) SELECT * FROM \"_TABLE_METADATA\"",
                    "WITH pg_class AS (SELECT 1 AS x) SELECT 1 AS one",
                    "SELECT * FROM _datastore.tables")) {
                TestServer.Response r = s.action("datastore_search_sql", Map.of("sql", sql));
                assertThat(r.status()).as(sql).isEqualTo(403);
                assertThat(r.error().get("message").asString())
                        .as(sql)
                        .isEqualTo("Access denied: Not authorized to access system tables");
            }
        }
    }

    @Test
    void aReadOnlyTokenCannotRevokeAndNoTokenRevokesABroaderOne() {
        try (TestServer s = TestServer.start(Map.of())) {
            String admin = s.adminToken().orElseThrow();
            TestServer.Response victim = s.action("datastore_token_create", Map.of("actor", "victim"), auth(admin));
            String victimId = victim.result().get("id").asString();
            TestServer.Response narrow = s.action(
                    "datastore_token_create",
                    Map.of("actor", "narrow", "restrictions", Map.of("all", List.of("read"))),
                    auth(admin));
            String narrowId = narrow.result().get("id").asString();

            String reader =
                    mint(s, admin, Map.of("admin", true, "restrictions", Map.of("all", List.of("read", "sql"))));
            TestServer.Response byReader = s.action("datastore_token_revoke", Map.of("id", narrowId), auth(reader));
            assertThat(byReader.status()).isEqualTo(403);
            assertThat(byReader.error().get("message").asString()).contains("restricted to reading");

            String writer =
                    mint(s, admin, Map.of("admin", true, "restrictions", Map.of("all", List.of("read", "insert"))));
            TestServer.Response broader = s.action("datastore_token_revoke", Map.of("id", victimId), auth(writer));
            assertThat(broader.status()).isEqualTo(403);
            assertThat(broader.error().get("message").asString()).contains("broader");
            TestServer.Response within = s.action("datastore_token_revoke", Map.of("id", narrowId), auth(writer));
            assertThat(within.status()).as(within.body()).isEqualTo(200);

            TestServer.Response list = s.action("datastore_token_list", Map.of(), auth(admin));
            for (JsonNode t : list.result()) {
                String expected = t.get("id").asString().equals(narrowId) ? "revoked" : "active";
                assertThat(t.get("status").asString()).as(t.toString()).isEqualTo(expected);
            }
            assertThat(s.action("datastore_token_revoke", Map.of("id", victimId), auth(admin))
                            .status())
                    .isEqualTo(200);
        }
    }
}
