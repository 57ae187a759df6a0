package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Datasette's permission rules for writes (reference §A.4) over the service's own API tokens: each write
 * asks for the verbs Datasette's actions need, and a refusal is 403 in Datasette's words.
 */
class DatasetteWritePermissionTest {
    private static TestServer server;
    private static String admin;
    private static String inserter;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        admin = server.adminToken().orElseThrow();
        inserter = mint(Map.of("all", List.of("read", "insert")));
        TestServer.Response created = post(
                admin,
                "/data/-/create",
                "{\"table\": \"guarded\", \"rows\": [{\"id\": 1, \"name\": \"a\"}], \"pk\": \"id\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String mint(Map<String, Object> restrictions) {
        TestServer.Response r = server.action(
                "datastore_token_create", Map.of("restrictions", restrictions), Map.of("Authorization", admin));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("token").asString();
    }

    private static TestServer.Response post(@Nullable String token, String path, String body) {
        return server.post(path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static void assertForbidden(TestServer.Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        JsonNode body = r.json();
        List<String> errors = new ArrayList<>();
        body.get("errors").forEach(e -> errors.add(e.asString()));
        assertThat(errors).containsExactly(message);
        assertThat(body.get("status").asInt()).isEqualTo(403);
    }

    private static int rows() {
        return server.action("datastore_search", Map.of("resource_id", "guarded"), Map.of("Authorization", admin))
                .result()
                .get("records")
                .size();
    }

    @Test
    void anonymousCallersMayNotWrite() {
        int before = rows();
        assertForbidden(post(null, "/data/guarded/-/insert", "{\"row\": {\"id\": 5}}"), "Permission denied");
        assertForbidden(
                post(null, "/data/-/create", "{\"table\": \"other\", \"columns\": [{\"name\": \"a\"}]}"),
                "Permission denied");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void insertRowAllowsInsertButNotReplaceUpsertAlterUpdateDeleteOrDrop() {
        TestServer.Response ok = post(inserter, "/data/guarded/-/insert", "{\"row\": {\"id\": 2, \"name\": \"b\"}}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertForbidden(
                post(inserter, "/data/guarded/-/insert", "{\"rows\": [{\"id\": 1}], \"replace\": true}"),
                "Permission denied: need update-row to use \"replace\"");
        assertForbidden(
                post(inserter, "/data/guarded/-/upsert", "{\"rows\": [{\"id\": 1}]}"),
                "Permission denied: need both insert-row and update-row");
        assertForbidden(
                post(inserter, "/data/guarded/-/insert", "{\"rows\": [{\"id\": 3, \"x\": 1}], \"alter\": true}"),
                "Permission denied for alter-table");
        assertForbidden(
                post(inserter, "/data/guarded/1/-/update", "{\"update\": {\"name\": \"z\"}}"), "Permission denied");
        assertForbidden(post(inserter, "/data/guarded/1/-/delete", ""), "Permission denied");
        assertForbidden(post(inserter, "/data/guarded/-/drop", "{\"confirm\": true}"), "Permission denied");
        assertForbidden(
                post(inserter, "/data/-/create", "{\"table\": \"other\", \"columns\": [{\"name\": \"a\"}]}"),
                "Permission denied");
        JsonNode records = server.action(
                        "datastore_search",
                        Map.of("resource_id", "guarded", "sort", "id"),
                        Map.of("Authorization", admin))
                .result()
                .get("records");
        assertThat(records.get(0).get("name").asString()).isEqualTo("a");
        assertThat(records.size()).isEqualTo(2);
    }

    @Test
    void aTokenWithInsertAndUpdateMayUpsertAndReplace() {
        String writer = mint(Map.of("all", List.of("read", "insert", "update")));
        TestServer.Response upsert =
                post(writer, "/data/guarded/-/upsert", "{\"rows\": [{\"id\": 1, \"name\": \"a\"}]}");
        assertThat(upsert.status()).as(upsert.body()).isEqualTo(200);
        TestServer.Response replace =
                post(writer, "/data/guarded/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"a\"}], \"replace\": true}");
        assertThat(replace.status()).as(replace.body()).isEqualTo(201);
    }
}
