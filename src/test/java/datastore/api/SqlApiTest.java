package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SqlApiTest extends ApiTestSupport {

    @Test
    void selectsReturnRecordsFieldsAndNoTruncationFlag() {
        books("sql1");
        JsonNode r = ok(
                "datastore_search_sql",
                Map.of("sql", "SELECT _id, author, published FROM \"sql1\" WHERE author = 'tolstoy' ORDER BY _id"));
        assertThat(r.get("sql").asString()).startsWith("SELECT _id");
        assertThat(r.get("records")).hasSize(2);
        assertThat(r.get("records").get(0).get("published").asString()).isEqualTo("2005-03-01T00:00:00");
        assertThat(r.get("fields").toString())
                .isEqualTo(
                        "[{\"id\":\"_id\",\"type\":\"int4\"},{\"id\":\"author\",\"type\":\"text\"},{\"id\":\"published\",\"type\":\"timestamp\"}]");
        assertThat(r.has("records_truncated")).isFalse();
        JsonNode viaAlias = ok("datastore_search_sql", Map.of("sql", "SELECT count(*) AS n FROM alias_sql1"));
        assertThat(viaAlias.get("records").get(0).get("n").asInt()).isEqualTo(2);
    }

    @Test
    void rowsBeyondTheCapAreCutAndFlagged() {
        try (TestServer small = TestServer.open(Map.of("ROWS_MAX", "3", "ROWS_DEFAULT", "3"))) {
            small.action(
                    "datastore_create",
                    "{\"resource_id\":\"t\",\"records\":[{\"a\":1},{\"a\":2},{\"a\":3},{\"a\":4}]}");
            JsonNode r = small.action("datastore_search_sql", Map.of("sql", "SELECT a FROM t"))
                    .result();
            assertThat(r.get("records")).hasSize(3);
            assertThat(r.get("records_truncated").asBoolean()).isTrue();
        }
    }

    @Test
    void refusalsAreCkanErrors() {
        books("sql2");
        TestServer.Response multi = call("datastore_search_sql", Map.of("sql", "SELECT 1; SELECT 2"));
        assertThat(multi.status()).isEqualTo(409);
        assertThat(multi.error().get("query").get(0).asString()).isEqualTo("Query is not a single statement.");
        TestServer.Response system = call("datastore_search_sql", Map.of("sql", "SELECT * FROM pg_catalog.pg_class"));
        assertThat(system.status()).isEqualTo(403);
        assertThat(system.error().get("message").asString())
                .isEqualTo("Access denied: Not authorized to access system tables");
        TestServer.Response function =
                call("datastore_search_sql", Map.of("sql", "SELECT * FROM read_csv('/etc/passwd')"));
        assertThat(function.status()).isEqualTo(403);
        TestServer.Response missing = call("datastore_search_sql", Map.of());
        assertThat(missing.error().get("sql").get(0).asString()).isEqualTo("Missing value");
        TestServer.Response dbError = call("datastore_search_sql", Map.of("sql", "SELECT nope FROM sql2"));
        assertThat(dbError.status()).isEqualTo(409);
        assertThat(dbError.error().has("query")).isTrue();
        TestServer.Response write = call("datastore_search_sql", Map.of("sql", "DELETE FROM sql2"));
        assertThat(write.status()).isEqualTo(409);
        assertThat(ok("datastore_search", Map.of("resource_id", "sql2"))
                        .get("total")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void getWorksAndTheActionCanBeSwitchedOff() {
        books("sql3");
        TestServer.Response get = server.get("/api/3/action/datastore_search_sql?sql="
                + java.net.URLEncoder.encode(
                        "SELECT count(*) AS n FROM sql3", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(get.status()).isEqualTo(200);
        try (TestServer off = TestServer.open(Map.of("SQL_SEARCH_ENABLED", "false"))) {
            TestServer.Response r = off.action("datastore_search_sql", Map.of("sql", "SELECT 1"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("\"Bad request - Action name not known: datastore_search_sql\"");
        }
    }
}
