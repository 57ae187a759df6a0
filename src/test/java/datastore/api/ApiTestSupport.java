package datastore.api;

import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

/** One open-mode server per test class, with helpers to create CKAN's classic books table. */
abstract class ApiTestSupport {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.open();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static TestServer.Response call(String action, Object body) {
        return server.action(action, body);
    }

    static JsonNode ok(String action, Object body) {
        TestServer.Response r = call(action, body);
        if (r.status() != 200) {
            throw new AssertionError(action + " failed with " + r.status() + ": " + r.body());
        }
        return r.result();
    }

    /** CKAN's test_search books: two rows with text, int, date, json and array columns. */
    static String books(String id) {
        ok(
                "datastore_create",
                Map.of(
                        "resource_id",
                        id,
                        "aliases",
                        "alias_" + id,
                        "fields",
                        List.of(
                                Map.of("id", "b\u00fck", "type", "text"),
                                Map.of("id", "author", "type", "text"),
                                Map.of("id", "published"),
                                Map.of("id", "characters", "type", "_text"),
                                Map.of("id", "rating with %")),
                        "records",
                        List.of(
                                Map.of(
                                        "b\u00fck", "annakarenina",
                                        "author", "tolstoy",
                                        "published", "2005-03-01",
                                        "nested", List.of("b", Map.of("moo", "moo")),
                                        "characters", List.of("Princess Anna", "Sergius"),
                                        "rating with %", "60%"),
                                Map.of(
                                        "b\u00fck", "warandpeace",
                                        "author", "tolstoy",
                                        "nested", Map.of("a", "b"),
                                        "rating with %", "99%"))));
        return id;
    }
}
