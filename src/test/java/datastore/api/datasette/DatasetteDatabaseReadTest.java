package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The instance and database JSON, and {@code /{db}/-/query.json}: what a Datasette client reads first. */
class DatasetteDatabaseReadTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open(Map.of());
        created(server.action("datastore_create", """
                {"resource_id": "books", "primary_key": "id", "aliases": "library",
                 "fields": [{"id": "id", "type": "int"}, {"id": "title", "type": "text"}],
                 "records": [{"id": 1, "title": "War and Peace"}, {"id": 2, "title": "Anna Karenina"},
                             {"id": 3, "title": "The Idiot"}]}
                """));
        created(server.action("datastore_create", """
                {"resource_id": "notes", "fields": [{"id": "body", "type": "text"}],
                 "records": [{"body": "one"}]}
                """));
    }

    private static void created(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response query(String sql, String more) {
        return server.get("/data/-/query.json?sql=" + URLEncoder.encode(sql, StandardCharsets.UTF_8) + more);
    }

    private static JsonNode byName(JsonNode list, String name) {
        for (JsonNode t : list) {
            if (t.get("name").asString().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static void assertError(TestServer.Response r, int status, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode e = r.json();
        assertThat(e.get("ok").asBoolean()).isFalse();
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.get("error").asString()).contains(message);
        assertThat(e.get("errors").isArray()).isTrue();
    }

    @Test
    void theInstanceListsItsOneDatabaseWithItsTables() {
        TestServer.Response r = server.get("/.json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode o = r.json();
        assertThat(o.get("ok").asBoolean()).isTrue();
        assertThat(o.get("databases")).hasSize(1);
        JsonNode db = o.get("databases").get(0);
        assertThat(db.get("name").asString()).isEqualTo("data");
        assertThat(db.get("path").asString()).isEqualTo("/data");
        assertThat(db.get("tables_count").asInt()).isEqualTo(2);
        assertThat(db.get("table_rows_sum").asLong()).isEqualTo(4);
        assertThat(db.get("views_count").asInt()).isEqualTo(1);
        // Biggest table first, as Datasette's homepage orders them.
        JsonNode first = db.get("tables_and_views_truncated").get(0);
        assertThat(first.get("name").asString()).isEqualTo("books");
        assertThat(first.get("count").asLong()).isEqualTo(3);
        assertThat(texts(first.get("primary_keys"))).containsExactly("id");
    }

    @Test
    void theDatabaseListsTablesWithCountsColumnsAndKeys() {
        TestServer.Response r = server.get("/data.json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode o = r.json();
        assertThat(o.get("ok").asBoolean()).isTrue();
        assertThat(o.get("database").asString()).isEqualTo("data");
        assertThat(o.get("tables")).hasSize(2);
        JsonNode books = byName(o.get("tables"), "books");
        assertThat(books.get("count").asLong()).isEqualTo(3);
        assertThat(books.get("count_truncated").asBoolean()).isFalse();
        assertThat(texts(books.get("columns"))).containsExactly("id", "title");
        assertThat(texts(books.get("primary_keys"))).containsExactly("id");
        JsonNode notes = byName(o.get("tables"), "notes");
        assertThat(notes.get("count").asLong()).isEqualTo(1);
        assertThat(notes.get("primary_keys")).isEmpty();
        assertThat(byName(o.get("views"), "library").get("private").asBoolean()).isFalse();
        assertThat(o.get("allow_execute_sql").asBoolean()).isTrue();
        assertThat(texts(o.get("table_columns").get("books"))).containsExactly("id", "title");
    }

    @Test
    void anotherDatabaseIsNotFound() {
        assertError(server.get("/other.json"), 404, "Database not found");
        assertError(server.get("/other/-/query.json?sql=select+1"), 404, "Database not found");
    }

    @Test
    void aDatabaseUrlCarryingSqlGoesToTheQuery() {
        TestServer.Response r = server.get("/data.json?sql=select+1");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location").orElseThrow()).isEqualTo("/data/-/query.json?sql=select+1");
    }

    @Test
    void aQueryAnswersRowsAsObjectsByDefault() {
        TestServer.Response r = query("SELECT id, title FROM books ORDER BY id", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode o = r.json();
        assertThat(o.get("ok").asBoolean()).isTrue();
        assertThat(o.get("truncated").asBoolean()).isFalse();
        assertThat(o.has("columns")).isFalse();
        assertThat(o.get("rows")).hasSize(3);
        assertThat(o.get("rows").get(0).get("id").asInt()).isEqualTo(1);
        assertThat(o.get("rows").get(0).get("title").asString()).isEqualTo("War and Peace");
    }

    @Test
    void aQueryCanBeAnsweredInEveryQueryShape() {
        String sql = "SELECT id, title FROM books ORDER BY id";
        JsonNode arrays = query(sql, "&_shape=arrays").json();
        assertThat(arrays.get("rows").get(1).get(0).asInt()).isEqualTo(2);
        assertThat(arrays.get("rows").get(1).get(1).asString()).isEqualTo("Anna Karenina");
        JsonNode array = query(sql, "&_shape=array").json();
        assertThat(array.isArray()).isTrue();
        assertThat(array.get(2).get("title").asString()).isEqualTo("The Idiot");
        JsonNode first = query(sql, "&_shape=arrayfirst").json();
        assertThat(first.toString()).isEqualTo("[1,2,3]");
        TestServer.Response nl = query(sql, "&_shape=array&_nl=on");
        assertThat(nl.header("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(nl.body().lines().toList())
                .containsExactly(
                        "{\"id\":1,\"title\":\"War and Peace\"}",
                        "{\"id\":2,\"title\":\"Anna Karenina\"}",
                        "{\"id\":3,\"title\":\"The Idiot\"}");
        JsonNode extras = query(sql, "&_extra=columns,query").json();
        assertThat(texts(extras.get("columns"))).containsExactly("id", "title");
        assertThat(extras.get("query").get("sql").asString()).isEqualTo(sql);
    }

    @Test
    void badShapesAndExtrasAreRefusedInDatasettesWords() {
        String sql = "SELECT id FROM books";
        assertError(query(sql, "&_shape=nope"), 400, "Invalid _shape: nope");
        assertError(query(sql, "&_shape=object"), 400, "_shape=object is only available on tables");
        assertError(query(sql, "&_extra=nope"), 400, "Unknown _extra: nope");
        assertError(server.get("/data/-/query.json"), 400, "?sql= is required");
    }

    @Test
    void rowsPastMaxReturnedRowsAreCutAndFlagged() {
        TestServer.Response r = query("SELECT * FROM generate_series(1, 1500)", "&_shape=arrays");
        if (r.status() != 200) {
            // generate_series may be outside the function allow-list; a self-join of the table then.
            r = query(
                    "SELECT a.id FROM books a, books b, books c, books d, books e, books f, books g", "&_shape=arrays");
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("rows")).hasSize(1000);
        assertThat(r.json().get("truncated").asBoolean()).isTrue();
    }

    @Test
    void theSqlGuardRefusesWhatDatastoreSearchSqlRefuses() {
        TestServer.Response write = query("DELETE FROM books", "");
        assertThat(write.status()).as(write.body()).isIn(400, 403);
        assertThat(write.json().get("ok").asBoolean()).isFalse();
        assertThat(write.json().get("error").asString()).doesNotStartWith("query:");
        TestServer.Response unknown = query("SELECT * FROM nosuchtable", "");
        assertThat(unknown.status()).as(unknown.body()).isIn(400, 403);
        assertThat(unknown.json().get("error").asString()).contains("nosuchtable");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(unknown.status());
        TestServer.Response system = query("SELECT * FROM information_schema.tables", "");
        assertThat(system.status()).as(system.body()).isIn(400, 403);
        assertThat(system.json().get("ok").asBoolean()).isFalse();
        // Nothing was deleted.
        assertThat(query("SELECT count(*) AS n FROM books", "")
                        .json()
                        .get("rows")
                        .get(0)
                        .get("n")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void withSqlOffThereIsNoQueryRoute() {
        try (TestServer noSql = TestServer.open(Map.of("SQL_SEARCH_ENABLED", "false"))) {
            TestServer.Response r = noSql.get("/data/-/query.json?sql=select+1");
            assertThat(r.status()).isIn(404, 405);
            JsonNode db = noSql.get("/data.json").json();
            assertThat(db.get("allow_execute_sql").asBoolean()).isFalse();
            assertThat(db.get("table_columns").isEmpty()).isTrue();
            assertThat(noSql.get("/data.json?sql=select+1").status()).isEqualTo(200);
        }
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String token(TestServer s, String admin, List<String> verbs) {
        TestServer.Response created = s.action(
                "datastore_token_create",
                Map.of("actor", "reader", "restrictions", Map.of("resources", Map.of("secure", verbs))),
                Map.of("Authorization", admin));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.result().get("token").asString();
    }

    @Test
    void aRestrictedTokenSeesAndQueriesOnlyWhatItMay() {
        try (TestServer s = TestServer.start(Map.of())) {
            String admin = s.adminToken().orElseThrow();
            for (String table : List.of("secure", "other")) {
                created(s.action(
                        "datastore_create",
                        Map.of("resource_id", table, "records", List.of(Map.of("a", 1))),
                        Map.of("Authorization", admin)));
            }
            String reader = token(s, admin, List.of("read"));
            JsonNode db = s.get("/data.json", bearer(reader)).json();
            assertThat(db.get("tables"))
                    .extracting(t -> t.get("name").asString())
                    .containsExactly("secure");
            assertThat(db.get("allow_execute_sql").asBoolean()).isFalse();
            TestServer.Response sql = s.get("/data/-/query.json?sql=select+*+from+secure", bearer(reader));
            assertThat(sql.status()).as(sql.body()).isEqualTo(403);
            assertThat(sql.json().get("ok").asBoolean()).isFalse();
            assertThat(sql.json().get("status").asInt()).isEqualTo(403);

            String querier = token(s, admin, List.of("read", "sql"));
            TestServer.Response mine = s.get("/data/-/query.json?sql=select+a+from+secure", bearer(querier));
            assertThat(mine.status()).as(mine.body()).isEqualTo(200);
            assertThat(mine.json().get("rows").get(0).get("a").asInt()).isEqualTo(1);
            TestServer.Response theirs = s.get("/data/-/query.json?sql=select+a+from+other", bearer(querier));
            assertThat(theirs.status()).as(theirs.body()).isEqualTo(403);
            assertThat(theirs.json().get("errors").isArray()).isTrue();
        }
    }

    @Test
    void aPrivatePortalRefusesAnonymousCallersInDatasettesBody() {
        try (TestServer s = TestServer.start(Map.of("AUTH_ANONYMOUS_READ", "false"))) {
            for (String path : List.of("/.json", "/data.json", "/data/-/query.json?sql=select+1")) {
                TestServer.Response r = s.get(path);
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.json().get("ok").asBoolean()).isFalse();
                assertThat(r.json().get("status").asInt()).isEqualTo(403);
            }
            assertThat(s.get("/data.json", bearer(s.adminToken().orElseThrow())).status())
                    .isEqualTo(200);
        }
    }
}
