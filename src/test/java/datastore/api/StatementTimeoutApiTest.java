package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-operation time limits on the engine under test: a search (and its count) past
 * {@code SEARCH_TIMEOUT_SECONDS} is cancelled and answered with CKAN's timeout error, or Datasette's.
 */
class StatementTimeoutApiTest {
    private static final int ROWS = 60_000;
    /** Every row matches, so the engine ranks and sorts the whole table. */
    private static final Map<String, Object> SLOW = Map.of("resource_id", "words", "q", "common", "limit", 5);

    private static List<Map<String, Object>> records() {
        List<Map<String, Object>> out = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            out.add(Map.of("n", i, "t", "common w" + i + " wx" + (i % 97) + " wy" + (i % 13)));
        }
        return out;
    }

    private static void load(TestServer s) {
        TestServer.Response r = s.action(
                "datastore_create",
                Map.of(
                        "resource_id",
                        "words",
                        "fields",
                        List.of(Map.of("id", "n", "type", "int"), Map.of("id", "t", "type", "text")),
                        "records",
                        RECORDS));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static List<Map<String, Object>> RECORDS = List.of();

    @BeforeAll
    static void makeRecords() {
        RECORDS = records();
    }

    @Test
    void aSearchPastItsTimeoutIsCancelledWithCkansTimeoutError() throws Exception {
        try (TestServer s = TestServer.open(Map.of("SEARCH_TIMEOUT_SECONDS", "0.001"))) {
            load(s);
            TestServer.Response r = s.action("datastore_search", SLOW);
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(r.error().get("__type").asString()).isEqualTo("Validation Error");
            assertThat(r.error().get("query").get(0).asString()).isEqualTo("Search took too long");

            TestServer.Response datasette = s.get("/data/words.json?_search=common&_size=5");
            assertThat(datasette.status()).as(datasette.body()).isEqualTo(400);
            assertThat(datasette.json().get("ok").asBoolean()).isFalse();
            assertThat(datasette.json().get("error").asString())
                    .isEqualTo("SQL query took too long. The time limit is controlled by the"
                            + " SEARCH_TIMEOUT_SECONDS setting.");
            if (s.database().isPresent()) {
                // PostgreSQL got the cancel: nothing of the search is still running there.
                try (var c = java.sql.DriverManager.getConnection(
                                s.database().get().jdbcUrl());
                        var st = c.createStatement();
                        var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                                + " AND query LIKE '%words%' AND pid <> pg_backend_pid()")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
        }
    }

    @Test
    void theSameSearchWithinItsTimeoutAnswers() {
        try (TestServer s = TestServer.open(Map.of("SEARCH_TIMEOUT_SECONDS", "120"))) {
            load(s);
            TestServer.Response r = s.action("datastore_search", SLOW);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.result().get("total").asLong()).isEqualTo(ROWS);
            assertThat(r.result().get("records")).hasSize(5);
        }
    }

    @Test
    void aDumpPastItsTimeoutIsCutShort() {
        try (TestServer s = TestServer.open(Map.of("DUMP_TIMEOUT_SECONDS", "0.001"))) {
            load(s);
            TestServer.Response r = s.get("/datastore/dump/words?format=csv");
            // Refused before the first byte (a clean error), or cut mid-stream: never the whole table.
            if (r.status() == 200) {
                assertThat(r.body().lines().count()).isLessThan(ROWS + 1);
            } else {
                // CKAN's dump answers a search's validation error as a 400 in plain text.
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.body()).isEqualTo("query: Search took too long");
            }
            assertThat(s.action("datastore_search", Map.of("resource_id", "words", "limit", 1))
                            .status())
                    .isEqualTo(200);
        }
    }
}
