package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.Bytes;
import datastore.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Strict input on the CKAN surface: every refusal a 4xx envelope naming the field, nothing stored changed. */
class CkanHardeningTest extends CkanSupport {
    private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");

    private static String table() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "n", "type": "int"}, {"id": "t", "type": "text"}],
                 "records": [{"n": 1, "t": "one"}, {"n": 2, "t": "two"}]}""", id));
        return id;
    }

    private static int rows(String id) {
        return search(id).get("total").asInt();
    }

    @Test
    void aTrailingSpaceNamesNoTableAndDropsNothing() {
        String id = table();
        TestServer.Response r = post("datastore_delete", fmt("{\"resource_id\": \"%s \"}", id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("resource_id").get(0).asString()).contains("whitespace");
        assertThat(rows(id)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "_private",
                "a%b",
                "a\\\"b",
                "a/b",
                "a.b",
                "a(b",
                "a'b",
                "a\\u0000b",
                "a\\u0001b",
                "a\\ud800b",
                "pg_class",
                "duckdb_tables",
                "information_schema",
                "_table_metadata",
                "0123456789012345678901234567890123456789012345678901234567890123"
            })
    void resourceIdsThatCannotBeTablesAreRefusedByCreate(String name) {
        TestServer.Response r =
                post("datastore_create", "{\"resource_id\": \"" + name + "\", \"records\": [{\"a\": 1}]}");
        assertThat(r.status()).as(name).isIn(400, 409);
        if (r.status() == 409) {
            assertThat(r.error().has("resource_id")).as(name).isTrue();
        }
        JsonNode list = ok("datastore_search", "{\"resource_id\": \"_table_metadata\", \"limit\": 32000}");
        for (JsonNode t : list.get("records")) {
            assertThat(t.get("name").asString()).doesNotStartWith("pg_").isNotEqualTo("_private");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"_id", "_full_text", "_x", "a\\\"b", "a\\u0000b", " lead", "trail "})
    void badFieldNamesAreRefusedAndNameTheField(String field) {
        String id = newId();
        TestServer.Response r = post(
                "datastore_create",
                fmt("{\"resource_id\": \"%s\", \"fields\": [{\"id\": \"%s\", \"type\": \"text\"}]}", id, field));
        assertThat(r.status()).as(field).isEqualTo(409);
        assertThat(r.error().has("fields")).as(field).isTrue();
        assertThat(post("datastore_info", fmt("{\"id\": \"%s\"}", id)).status()).isEqualTo(404);
    }

    @Test
    void unknownFieldTypesAreRefusedBeforeAnySql() {
        String id = newId();
        TestServer.Response r = post(
                "datastore_create",
                fmt("{\"resource_id\": \"%s\", \"fields\": [{\"id\": \"a\", \"type\": \"int; DROP TABLE x\"}]}", id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("fields").get(0).asString()).contains("is not a valid field type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000000000000000000000", "9223372036854775808", "-1", "1e400", "\"ten\""})
    void outOfRangeIntegersAre409(String value) {
        String id = table();
        for (String key : List.of("limit", "offset", "total_estimation_threshold")) {
            TestServer.Response r =
                    post("datastore_search", fmt("{\"resource_id\": \"%s\", \"%s\": %s}", id, key, value));
            if (key.equals("total_estimation_threshold") && value.equals("-1")) {
                continue;
            }
            assertThat(r.status()).as(key + "=" + value).isEqualTo(409);
            assertThat(r.error().has(key)).as(key + "=" + value).isTrue();
        }
        TestServer.Response get =
                server.get("/api/3/action/datastore_search?resource_id=" + id + "&limit=" + value.replace("\"", ""));
        assertThat(get.status()).isEqualTo(409);
    }

    @Test
    void oversizedQueriesAndFiltersAre409() {
        String id = table();
        String longWords = "word ".repeat(30_000);
        TestServer.Response q =
                post("datastore_search", fmt("{\"resource_id\": \"%s\", \"q\": \"%s\"}", id, longWords));
        assertThat(q.status()).isEqualTo(409);
        assertThat(q.error().has("q")).isTrue();
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 10_001; i++) {
            many.append(i == 0 ? "" : ",").append(i);
        }
        TestServer.Response f =
                post("datastore_search", fmt("{\"resource_id\": \"%s\", \"filters\": {\"n\": %s]}}", id, many));
        assertThat(f.status()).isEqualTo(409);
        assertThat(f.error().has("filters")).isTrue();
    }

    @Test
    void deeplyNestedJsonIsRefusedAsAJsonError() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        TestServer.Response r = post("datastore_create", "{\"resource_id\": \"x\", \"records\": " + nested + "}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().asString()).startsWith("Bad request - JSON Error");
    }

    @Test
    void bodiesMustBeStrictUtf8() {
        String id = table();
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF}, // overlong "/"
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded lone surrogate
            {(byte) 0xFF},
            {(byte) 0xE2, (byte) 0x82} // cut short
        };
        for (byte[] b : bad) {
            byte[] body = Bytes.concat(
                    ("{\"resource_id\": \"" + id + "\", \"method\": \"insert\", \"records\": [{\"n\": 3, \"t\": \"")
                            .getBytes(StandardCharsets.UTF_8),
                    b,
                    "\"}]}".getBytes(StandardCharsets.UTF_8));
            TestServer.Response r = server.send("POST", "/api/3/action/datastore_upsert", body, JSON_TYPE);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().asString()).contains("not valid UTF-8");
        }
        TestServer.Response escaped = post(
                "datastore_upsert",
                fmt(
                        "{\"resource_id\": \"%s\", \"method\": \"insert\", \"records\": [{\"n\": 3, \"t\": \"\\ud800\"}]}",
                        id));
        assertThat(escaped.status()).isEqualTo(400);
        assertThat(escaped.json().asString()).contains("surrogate");
        assertThat(rows(id)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latin-1", "utf-16", "bogus", "ebcdic"})
    void charsetsOtherThanUtf8AreRefused(String charset) {
        String id = table();
        TestServer.Response r = server.send(
                "POST",
                "/api/3/action/datastore_search",
                ("{\"resource_id\": \"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json; charset=" + charset));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().asString()).contains("charset");
    }

    @Test
    void unreadableFormsAndMultipartAre400() {
        TestServer.Response form = server.send(
                "POST",
                "/api/3/action/datastore_search",
                "{\"resource_id\": \"x\",".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.json().asString()).startsWith("Bad request - JSON Error");
        TestServer.Response multipart = server.send(
                "POST",
                "/api/3/action/datastore_search",
                "--zz\r\nnot a part".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "multipart/form-data; boundary=zz"));
        assertThat(multipart.status()).isBetween(400, 499);
        assertThat(multipart.json().isString() || multipart.json().has("error")).isTrue();
    }

    @Test
    void malformedJsonIsAJsonErrorNotAMissingValue() {
        TestServer.Response r = post("datastore_search", "{\"resource_id\": \"x\",,}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().asString()).startsWith("Bad request - JSON Error");
    }

    @Test
    void headOnWriteActionsAndPutEverywhereAre405WithAllow() {
        TestServer.Response head = server.send("HEAD", "/api/3/action/datastore_create", null, Map.of());
        assertThat(head.status()).isEqualTo(405);
        assertThat(head.header("Allow")).contains("POST");
        for (String path : List.of(
                "/api/3/action/datastore_search", "/api/3/action/datastore_upsert", "/health", "/datastore/dump/x")) {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                TestServer.Response r = server.send(method, path, "{}".getBytes(StandardCharsets.UTF_8), JSON_TYPE);
                assertThat(r.status()).as(method + " " + path).isEqualTo(405);
                assertThat(r.header("Allow")).as(method + " " + path).isPresent();
                assertThat(r.json().get("success").asBoolean()).isFalse();
                assertThat(r.error().get("__type").asString()).isEqualTo("Method Not Allowed");
            }
        }
        TestServer.Response headSearch =
                server.send("HEAD", "/api/3/action/datastore_search?resource_id=_table_metadata", null, Map.of());
        assertThat(headSearch.status()).isEqualTo(200);
        assertThat(headSearch.bytes()).isEmpty();
    }

    @Test
    void everyHelpLinkAnswers() {
        TestServer.Response r = post("datastore_search", "{\"resource_id\": \"" + newId() + "\"}");
        String help = r.json().get("help").asString();
        assertThat(help).contains("/api/3/action/help_show?name=datastore_search");
        TestServer.Response shown = server.get(help.substring(help.indexOf("/api/")));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.result().asString()).isNotBlank();
        assertThat(server.get("/api/3/action/help_show?name=nope").status()).isEqualTo(404);
    }

    @Test
    void dumpOfAnUnknownResourceSaysSo() {
        for (String id : List.of(newId(), "a/b", "x.y")) {
            TestServer.Response r = server.get("/datastore/dump/" + id);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.body()).as(id).contains("Resource").contains("was not found");
        }
    }

    @Test
    void followingNextFromAPostSearchEndsInAnEmptyPage() {
        String id = table();
        JsonNode first =
                ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"limit\": 1, \"sort\": \"n desc\"}", id));
        assertThat(first.get("records").get(0).get("n").asInt()).isEqualTo(2);
        JsonNode second = server.get(first.get("_links").get("next").asString()).result();
        assertThat(second.get("records").get(0).get("n").asInt()).isEqualTo(1);
        JsonNode third = server.get(second.get("_links").get("next").asString()).result();
        assertThat(third.get("records")).isEmpty();
    }

    @Test
    void aResourceDictWithoutPackageIdIsRefused() {
        TestServer.Response r =
                post("datastore_create", "{\"resource\": {\"name\": \"x\"}, \"records\": [{\"a\": 1}]}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("package_id").get(0).asString()).isEqualTo("Missing value");
    }

    @Test
    void wrongTypedValuesNameTheRowFromOneAndTheField() {
        String id = table();
        TestServer.Response r = post(
                "datastore_upsert",
                fmt(
                        "{\"resource_id\": \"%s\", \"method\": \"insert\", \"records\": [{\"n\": 3}, {\"n\": \"x\"}]}",
                        id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records_row").asInt()).isEqualTo(2);
        assertThat(r.error().get("records_field").asString()).isEqualTo("n");
        assertThat(rows(id)).isEqualTo(2);
    }

    @Test
    void theServerItselfAnswersRefusalsAsJson() {
        String bigHeader = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n";
        String answer = server.raw(bigHeader);
        assertThat(answer).startsWith("HTTP/1.1 431");
        assertThat(answer).contains("application/json").contains("\"success\":false");
        String nul = server.raw(
                "GET /api/3/action/datastore_search?resource_id=a\u0000b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(nul).startsWith("HTTP/1.1 400");
        assertThat(nul).contains("\"success\":false");
    }

    @Test
    void anOversizedBodyGetsAReadable413() {
        try (TestServer small = TestServer.open(Map.of("MAX_REQUEST_BODY_MB", "1"))) {
            byte[] body = new byte[2 * 1024 * 1024];
            java.util.Arrays.fill(body, (byte) ' ');
            TestServer.Response r = small.send("POST", "/api/3/action/datastore_search", body, JSON_TYPE);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.error().get("message").asString()).contains("MAX_REQUEST_BODY_MB");
        }
    }

    @Test
    void theOpenApiDocumentListsExactlyTheServedRoutes() {
        JsonNode doc = server.get("/openapi.json").json();
        assertThat(doc.get("paths").has("/api/3/action/datastore_search")).isTrue();
        assertThat(doc.get("paths").get("/api/3/action/datastore_create").has("get"))
                .isFalse();
        assertThat(doc.get("paths").has("/datastore/dump/{id}")).isTrue();
        try (TestServer noSql = TestServer.open(Map.of("SQL_SEARCH_ENABLED", "false"))) {
            JsonNode without = noSql.get("/openapi.json").json();
            assertThat(without.get("paths").has("/api/3/action/datastore_search_sql"))
                    .isFalse();
            TestServer.Response r = noSql.action("datastore_search_sql", "{\"sql\": \"SELECT 1\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().asString()).isEqualTo("Bad request - Action name not known: datastore_search_sql");
        }
    }
}
