package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Datasette's write endpoints end to end: what a Datasette client sends and gets back, and what the CKAN
 * API reads afterwards from the same tables.
 */
class DatasetteWriteTest {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open(Map.of("DATASETTE_MAX_INSERT_ROWS", "5", "MAX_REQUEST_BODY_MB", "1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newTable() {
        return "ds_t" + TABLES.incrementAndGet();
    }

    private static TestServer.Response post(String path, String json) {
        return server.post(path, json, Map.of());
    }

    private static JsonNode json(String text) {
        return TestServer.JSON.readTree(text);
    }

    /** Creates {@code name} with id (integer pk), name (text), score (float). */
    private static void createDogs(String name) {
        TestServer.Response r = post("/data/-/create", """
                {"table": "%s", "columns": [{"name": "id", "type": "integer"}, {"name": "name"},
                 {"name": "score", "type": "float"}], "pk": "id"}""".formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static JsonNode ckanRecords(String table) {
        TestServer.Response r = server.action("datastore_search", Map.of("resource_id", table, "sort", "_id"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("records");
    }

    private static Map<String, String> ckanTypes(String table) {
        JsonNode fields = server.action("datastore_search", Map.of("resource_id", table, "limit", 0))
                .result()
                .get("fields");
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode f : fields) {
            out.put(f.get("id").asString(), f.get("type").asString());
        }
        return out;
    }

    private static void assertError(TestServer.Response r, int status, String... messages) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode body = r.json();
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        List<String> errors = new ArrayList<>();
        body.get("errors").forEach(e -> errors.add(e.asString()));
        assertThat(errors).containsExactly(messages);
        assertThat(body.get("error").asString()).isEqualTo(String.join("; ", messages));
    }

    // ---- create ------------------------------------------------------------------------------------

    @Test
    void createWithColumnsAnswers201WithTheSchemaAndMapsTypesToDatastoreTypes() {
        String t = newTable();
        TestServer.Response r = post("/data/-/create", """
                {"table": "%s", "columns": [{"name": "id", "type": "integer"}, {"name": "title", "type": "text"},
                 {"name": "score", "type": "float"}, {"name": "data", "type": "blob"}, {"name": "note"}], "pk": "id"}""".formatted(t));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("database").asString()).isEqualTo("data");
        assertThat(body.get("table").asString()).isEqualTo(t);
        assertThat(body.get("table_url").asString()).endsWith("/data/" + t);
        assertThat(body.get("table_api_url").asString()).endsWith("/data/" + t + ".json");
        assertThat(body.has("row_count")).isFalse();
        assertThat(body.get("schema").asString())
                .isEqualTo("CREATE TABLE \"" + t + "\" (\n   \"id\" INTEGER PRIMARY KEY,\n   \"title\" TEXT,\n"
                        + "   \"score\" REAL,\n   \"data\" BLOB,\n   \"note\" TEXT\n)");
        assertThat(ckanTypes(t))
                .containsExactly(
                        Map.entry("_id", "int"),
                        Map.entry("id", "int8"),
                        Map.entry("title", "text"),
                        Map.entry("score", "float8"),
                        Map.entry("data", "text"),
                        Map.entry("note", "text"));
        JsonNode info = server.action("datastore_info", Map.of("id", t)).result();
        assertThat(info.toString()).contains("\"datasette_type\":\"blob\"");
    }

    @Test
    void createFromRowsInfersTypesAsSqliteUtilsDoes() {
        String t = newTable();
        TestServer.Response r = post("/data/-/create", """
                {"table": "%s", "rows": [
                  {"id": 1, "name": "a", "score": 1, "flag": true, "tags": ["x", "y"], "empty": null,
                   "bin": {"$base64": true, "encoded": "AAEC"}},
                  {"id": 2, "name": "b", "score": 2.5, "flag": false, "tags": {"k": 1}, "empty": null,
                   "bin": "text too"}
                ], "pk": "id"}""".formatted(t));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("row_count").asInt()).isEqualTo(2);
        assertThat(ckanTypes(t))
                .containsExactly(
                        Map.entry("_id", "int"),
                        Map.entry("id", "int8"),
                        Map.entry("name", "text"),
                        Map.entry("score", "float8"),
                        Map.entry("flag", "int8"),
                        Map.entry("tags", "text"),
                        Map.entry("empty", "text"),
                        Map.entry("bin", "text"));
        assertThat(r.json().get("schema").asString()).contains("\"bin\" BLOB").contains("\"id\" INTEGER PRIMARY KEY");
        JsonNode rows = ckanRecords(t);
        assertThat(rows.get(0).get("flag").asLong()).isEqualTo(1);
        assertThat(rows.get(1).get("flag").asLong()).isZero();
        assertThat(rows.get(0).get("tags").asString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(rows.get(1).get("tags").asString()).isEqualTo("{\"k\":1}");
        assertThat(rows.get(0).get("score").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(0).get("bin").asString()).isEqualTo("AAEC");
    }

    @Test
    void createFromRowsOnAnExistingTableAppendsTheRows() {
        String t = newTable();
        String body = """
                {"table": "%s", "rows": [{"id": %d, "name": "n%d"}], "pk": "id"}""";
        assertThat(post("/data/-/create", body.formatted(t, 1, 1)).status()).isEqualTo(201);
        TestServer.Response again = post("/data/-/create", body.formatted(t, 2, 2));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("row_count").asInt()).isEqualTo(1);
        assertThat(ckanRecords(t)).hasSize(2);
        // The same rows again are a key conflict unless ignore or replace says otherwise.
        assertThat(post("/data/-/create", body.formatted(t, 2, 2)).status()).isEqualTo(400);
        TestServer.Response ignored = post("/data/-/create", """
                {"table": "%s", "rows": [{"id": 2, "name": "changed"}, {"id": 3, "name": "n3"}], "pk": "id",
                 "ignore": true}""".formatted(t));
        assertThat(ignored.status()).as(ignored.body()).isEqualTo(201);
        TestServer.Response replaced = post("/data/-/create", """
                {"table": "%s", "rows": [{"id": 1, "name": "replaced"}], "pk": "id", "replace": true}""".formatted(t));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(3);
        Map<Long, String> names = new LinkedHashMap<>();
        rows.forEach(row -> names.put(row.get("id").asLong(), row.get("name").asString()));
        assertThat(names).containsEntry(1L, "replaced").containsEntry(2L, "n2").containsEntry(3L, "n3");
    }

    @Test
    void createRefusesColumnsOnAnExistingTableAndAChangedPrimaryKey() {
        String t = newTable();
        createDogs(t);
        TestServer.Response again = post("/data/-/create", """
                {"table": "%s", "columns": [{"name": "id"}]}""".formatted(t));
        assertError(again, 400, "table \"" + t + "\" already exists");
        assertError(post("/data/-/create", """
                        {"table": "%s", "rows": [{"id": 1, "name": "x"}], "pk": "name"}""".formatted(t)), 400, "pk cannot be changed for existing table");
    }

    @Test
    void createWithAPrimaryKeyNoRowHasAddsAnIntegerKeyColumn() {
        String t = newTable();
        TestServer.Response r = post("/data/-/create", """
                {"table": "%s", "columns": [{"name": "title"}], "pk": "id"}""".formatted(t));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(ckanTypes(t)).containsEntry("id", "int8").containsEntry("title", "text");
    }

    @Test
    void anIntegerPrimaryKeyIsAssignedToRowsSentWithoutOneAsSqliteAssignsRowids() {
        String t = newTable();
        TestServer.Response created = post(
                "/data/-/create",
                "{\"table\": \"%s\", \"rows\": [{\"name\": \"a\"}, {\"name\": \"b\"}], \"pk\": \"id\"}".formatted(t));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("schema").asString()).contains("\"id\" INTEGER PRIMARY KEY");
        TestServer.Response r = post("/data/" + t + "/-/insert", "{\"row\": {\"name\": \"c\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rows")).isEqualTo(json("[{\"id\": 3, \"name\": \"c\"}]"));
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("id").asLong()).isEqualTo(1);
        assertThat(rows.get(1).get("id").asLong()).isEqualTo(2);
    }

    @Test
    void createValidationMessages() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[1]", "JSON must be a dictionary");
        cases.put("{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}], \"nope\": 1}", "Invalid keys: nope");
        cases.put(
                "{\"table\": \"x\", \"rows\": [{\"a\": 1}], \"pk\": \"a\", \"ignore\": true, \"replace\": true}",
                "ignore and replace are mutually exclusive");
        cases.put(
                "{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}], \"pk\": \"a\", \"ignore\": true}",
                "ignore and replace require row or rows");
        cases.put(
                "{\"table\": \"x\", \"rows\": [{\"a\": 1}], \"replace\": true}",
                "ignore and replace require pk or pks");
        cases.put("{\"columns\": [{\"name\": \"a\"}]}", "Table is required");
        cases.put("{\"table\": \"sqlite_master\", \"columns\": [{\"name\": \"a\"}]}", "Invalid table name");
        cases.put("{\"table\": \"x\"}", "columns, rows or row is required");
        cases.put(
                "{\"table\": \"x\", \"row\": {\"a\": 1}, \"rows\": [{\"a\": 1}]}", "Cannot specify both rows and row");
        cases.put(
                "{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}], \"rows\": [{\"a\": 1}]}",
                "Cannot specify columns with rows or row");
        cases.put(
                "{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}", "Duplicate column name: a");
        cases.put("{\"table\": \"x\", \"columns\": [{\"type\": \"text\"}]}", "Column name is required");
        cases.put(
                "{\"table\": \"x\", \"columns\": [{\"name\": \"a\", \"type\": \"date\"}]}",
                "Unsupported column type: date");
        cases.put("{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}], \"pk\": 5}", "pk must be a string");
        cases.put(
                "{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}], \"pk\": \"a\", \"pks\": [\"a\"]}",
                "Cannot specify both pk and pks");
        cases.put(
                "{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}], \"pks\": [1]}", "pks must be a list of strings");
        cases.put("{\"table\": \"x\", \"rows\": [1]}", "rows must be a list of objects");
        cases.forEach((body, message) -> assertError(post("/data/-/create", body), 400, message));
        assertThat(server.action("datastore_search", Map.of("resource_id", "x")).status())
                .isEqualTo(404);
    }

    // ---- insert ------------------------------------------------------------------------------------

    @Test
    void insertingOneRowAnswers201AndAlwaysReturnsTheRow() {
        String t = newTable();
        createDogs(t);
        TestServer.Response r = post("/data/" + t + "/-/insert", """
                {"row": {"id": 1, "name": "Cleo", "score": 4.5}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json())
                .isEqualTo(json("{\"ok\": true, \"rows\": [{\"id\": 1, \"name\": \"Cleo\", \"score\": 4.5}]}"));
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("Cleo");
    }

    @Test
    void insertingRowsReturnsThemOnlyWhenAsked() {
        String t = newTable();
        createDogs(t);
        TestServer.Response quiet =
                post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2}]}");
        assertThat(quiet.status()).as(quiet.body()).isEqualTo(201);
        assertThat(quiet.json()).isEqualTo(json("{\"ok\": true}"));
        TestServer.Response none = post("/data/" + t + "/-/insert", "{\"rows\": []}");
        assertThat(none.status()).as(none.body()).isEqualTo(201);
        assertThat(none.json()).isEqualTo(json("{\"ok\": true}"));
        TestServer.Response loud = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 3, \"name\": \"c\"}, {\"id\": 4, \"name\": \"d\"}], \"return\": true}");
        assertThat(loud.status()).isEqualTo(201);
        assertThat(loud.json().get("rows"))
                .isEqualTo(
                        json(
                                "[{\"id\": 3, \"name\": \"c\", \"score\": null}, {\"id\": 4, \"name\": \"d\", \"score\": null}]"));
        assertThat(ckanRecords(t)).hasSize(4);
    }

    @Test
    void insertIntoATableWithoutPrimaryKeyReturnsRowsWithTheirRowid() {
        String t = newTable();
        assertThat(post("/data/-/create", "{\"table\": \"%s\", \"columns\": [{\"name\": \"v\"}]}".formatted(t))
                        .status())
                .isEqualTo(201);
        TestServer.Response r =
                post("/data/" + t + "/-/insert", "{\"rows\": [{\"v\": \"a\"}, {\"v\": \"b\"}], \"return\": true}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rows"))
                .isEqualTo(json("[{\"rowid\": 1, \"v\": \"a\"}, {\"rowid\": 2, \"v\": \"b\"}]"));
    }

    @Test
    void insertValidationMessagesInDatasettesOrder() {
        String t = newTable();
        createDogs(t);
        String path = "/data/" + t + "/-/insert";
        assertError(post(path, "[1]"), 400, "JSON must be a dictionary");
        assertError(post(path, "{}"), 400, "JSON must have one or other of \"row\" or \"rows\"");
        assertError(post(path, "{\"row\": {}, \"rows\": []}"), 400, "Cannot use \"row\" and \"rows\" at the same time");
        assertError(post(path, "{\"row\": []}"), 400, "\"row\" must be a dictionary");
        assertError(post(path, "{\"rows\": {}}"), 400, "\"rows\" must be a list");
        assertError(post(path, "{\"rows\": [1]}"), 400, "\"rows\" must be a list of dictionaries");
        assertError(
                post(path, "{\"rows\": [{}, {}, {}, {}, {}, {}], \"nope\": 1}"),
                400,
                "Too many rows, maximum allowed is 5");
        assertError(post(path, "{\"rows\": [], \"a\": 1, \"b\": 2}"), 400, "Invalid parameter: \"a\", \"b\"");
        assertError(
                post(path, "{\"rows\": [], \"ignore\": true, \"replace\": true}"),
                400,
                "Cannot use \"ignore\" and \"replace\" at the same time");
        assertError(
                post(path, "{not json"),
                400,
                post(path, "{not json").json().get("errors").get(0).asString());
        assertThat(post(path, "{not json").json().get("error").asString()).startsWith("Invalid JSON: ");
    }

    @Test
    void rowErrorsAreCollectedIntoOneResponseAndNothingIsWritten() {
        String t = newTable();
        createDogs(t);
        TestServer.Response r = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 1, \"a\": 1, \"b\": 2}, {\"id\": 2}, {\"id\": 3, \"c\": 3}]}");
        assertError(r, 400, "Row 0 has invalid columns: a, b", "Row 2 has invalid columns: c");
        assertThat(ckanRecords(t)).isEmpty();
    }

    @Test
    void aRefusedBatchLeavesTheTableUnchanged() {
        String t = newTable();
        createDogs(t);
        assertThat(post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"first\"}]}")
                        .status())
                .isEqualTo(201);
        // A key conflict in the second row refuses the whole batch.
        TestServer.Response conflict = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 2, \"name\": \"new\"}, {\"id\": 1, \"name\": \"dup\"}]}");
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(400);
        assertThat(conflict.json().get("ok").asBoolean()).isFalse();
        // So does a value the column's type refuses, with the engine's message.
        TestServer.Response badType = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 3, \"name\": \"ok\"}, {\"id\": 4, \"score\": \"not a number\"}]}");
        assertThat(badType.status()).as(badType.body()).isEqualTo(400);
        assertThat(badType.json().get("error").asString()).contains("not a number");
        // And an alter that adds a column for a batch that then fails.
        TestServer.Response altered = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 5, \"extra\": \"x\"}, {\"id\": 1, \"extra\": \"y\"}], \"alter\": true}");
        assertThat(altered.status()).as(altered.body()).isEqualTo(400);
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("first");
        assertThat(ckanTypes(t)).doesNotContainKey("extra");
    }

    @Test
    void aKeyBeyondSixtyFourBitsIsA400AndWritesNothing() {
        String t = newTable();
        createDogs(t);
        TestServer.Response r =
                post("/data/" + t + "/-/insert", "{\"rows\": [{\"name\": \"a\"}, {\"id\": 99999999999999999999999}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("ok").asBoolean()).isFalse();
        assertThat(ckanRecords(t)).isEmpty();
    }

    @Test
    void insertWithAlterAddsColumnsForUnknownKeys() {
        String t = newTable();
        createDogs(t);
        TestServer.Response r = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 1, \"age\": 3, \"weight\": 2.5, \"owner\": \"sam\"}], \"alter\": true}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(ckanTypes(t))
                .containsEntry("age", "int8")
                .containsEntry("weight", "float8")
                .containsEntry("owner", "text");
        assertThat(ckanRecords(t).get(0).get("owner").asString()).isEqualTo("sam");
    }

    @Test
    void insertIgnoreSkipsExistingKeysAndReplaceOverwritesTheWholeRow() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"a\", \"score\": 1}]}");
        TestServer.Response ignored = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 1, \"name\": \"ignored\"}, {\"id\": 2, \"name\": \"b\"}], \"ignore\": true}");
        assertThat(ignored.status()).as(ignored.body()).isEqualTo(201);
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("a");
        TestServer.Response replaced = post(
                "/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"replaced\"}], \"replace\": true}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        JsonNode row = ckanRecords(t).get(0);
        assertThat(row.get("name").asString()).isEqualTo("replaced");
        assertThat(row.get("score").isNull()).isTrue();
    }

    // ---- upsert ------------------------------------------------------------------------------------

    @Test
    void singleRowUpsertLeavesUnsentColumnsAlone() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"a\", \"score\": 1.5}]}");
        TestServer.Response r = post("/data/" + t + "/-/upsert", "{\"row\": {\"id\": 1, \"name\": \"b\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json())
                .isEqualTo(json("{\"ok\": true, \"rows\": [{\"id\": 1, \"name\": \"b\", \"score\": 1.5}]}"));
        JsonNode row = ckanRecords(t).get(0);
        assertThat(row.get("score").asDouble()).isEqualTo(1.5);
    }

    @Test
    void multiRowUpsertSetsNullInRowsThatOmitAColumnAnotherRowSends() {
        String t = newTable();
        createDogs(t);
        post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 1, \"name\": \"a\", \"score\": 1.5}, {\"id\": 2, \"name\": \"b\", \"score\": 2.5}]}");
        TestServer.Response r = post(
                "/data/" + t + "/-/upsert",
                "{\"rows\": [{\"id\": 1, \"name\": \"a2\"}, {\"id\": 2, \"score\": 9.5}, {\"id\": 3, \"name\": \"c\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(json("{\"ok\": true}"));
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("a2");
        assertThat(rows.get(0).get("score").isNull()).isTrue();
        assertThat(rows.get(1).get("name").isNull()).isTrue();
        assertThat(rows.get(1).get("score").asDouble()).isEqualTo(9.5);
        assertThat(rows.get(2).get("name").asString()).isEqualTo("c");
    }

    @Test
    void upsertRefusesRowsWithoutTheirKeyAndIgnoreOrReplace() {
        String t = newTable();
        createDogs(t);
        String path = "/data/" + t + "/-/upsert";
        assertError(
                post(path, "{\"rows\": [{\"name\": \"a\"}, {\"id\": null}, {\"id\": 3}]}"),
                400,
                "Row 0 is missing primary key column(s): \"id\"",
                "Row 1 has null primary key column(s): \"id\"");
        assertError(
                post(path, "{\"rows\": [{\"id\": 1}], \"ignore\": true}"),
                400,
                "Upsert does not support ignore or replace");
        assertError(
                post(path, "{\"rows\": [{\"id\": 1}], \"replace\": true}"),
                400,
                "Upsert does not support ignore or replace");
        assertThat(ckanRecords(t)).isEmpty();
    }

    @Test
    void aRefusedUpsertOrUpdateWithAlterAddsNoColumn() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"a\"}]}");
        TestServer.Response upsert = post(
                "/data/" + t + "/-/upsert",
                "{\"rows\": [{\"id\": 1, \"extra\": \"x\"}, {\"id\": 2, \"score\": \"nan?\"}], \"alter\": true}");
        assertThat(upsert.status()).as(upsert.body()).isEqualTo(400);
        TestServer.Response update =
                post("/data/" + t + "/1/-/update", "{\"update\": {\"more\": 1, \"score\": \"bad\"}, \"alter\": true}");
        assertThat(update.status()).as(update.body()).isEqualTo(400);
        TestServer.Response ignore = post(
                "/data/" + t + "/-/insert",
                "{\"rows\": [{\"id\": 3, \"other\": 1, \"score\": \"bad\"}], \"alter\": true, \"ignore\": true}");
        assertThat(ignore.status()).as(ignore.body()).isEqualTo(400);
        assertThat(ckanTypes(t).keySet()).containsExactly("_id", "id", "name", "score");
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("a");
    }

    // ---- update and delete -------------------------------------------------------------------------

    @Test
    void updateChangesTheRowAndReturnsItWhenAsked() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"a\", \"score\": 1.5}]}");
        TestServer.Response r = post("/data/" + t + "/1/-/update", "{\"update\": {\"name\": \"b\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(json("{\"ok\": true}"));
        TestServer.Response returned =
                post("/data/" + t + "/1/-/update", "{\"update\": {\"score\": 2}, \"return\": true}");
        assertThat(returned.json())
                .isEqualTo(json("{\"ok\": true, \"rows\": [{\"id\": 1, \"name\": \"b\", \"score\": 2.0}]}"));
        TestServer.Response altered =
                post("/data/" + t + "/1/-/update", "{\"update\": {\"color\": \"red\"}, \"alter\": true}");
        assertThat(altered.status()).as(altered.body()).isEqualTo(200);
        JsonNode row = ckanRecords(t).get(0);
        assertThat(row.get("name").asString()).isEqualTo("b");
        assertThat(row.get("score").asDouble()).isEqualTo(2.0);
        assertThat(row.get("color").asString()).isEqualTo("red");
    }

    @Test
    void updateErrors() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1, \"name\": \"a\"}]}");
        assertError(
                post("/data/" + t + "/9/-/update", "{\"update\": {\"name\": \"b\"}}"), 404, "Record not found: ['9']");
        assertError(
                post("/data/" + t + "/x/-/update", "{\"update\": {\"name\": \"b\"}}"), 404, "Record not found: ['x']");
        assertError(
                post("/data/" + t + "/1/-/update", "{\"name\": \"b\"}"), 400, "JSON must contain an update dictionary");
        assertError(
                post("/data/" + t + "/1/-/update", "{\"update\": 1}"), 400, "JSON must contain an update dictionary");
        assertError(post("/data/" + t + "/1/-/update", "{\"update\": {}, \"k\": 1}"), 400, "Invalid keys: k");
        TestServer.Response unknown = post("/data/" + t + "/1/-/update", "{\"update\": {\"nope\": 1}}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        TestServer.Response badType = post("/data/" + t + "/1/-/update", "{\"update\": {\"score\": \"abc\"}}");
        assertThat(badType.status()).as(badType.body()).isEqualTo(400);
        assertThat(ckanRecords(t).get(0).get("name").asString()).isEqualTo("a");
    }

    @Test
    void compoundKeysAreCommaSeparatedAndTildeDecoded() {
        String t = newTable();
        TestServer.Response created = post("/data/-/create", """
                {"table": "%s", "rows": [{"city": "a/b.c", "year": 2020, "n": 1}, {"city": "x", "year": 2021, "n": 2}],
                 "pks": ["city", "year"]}""".formatted(t));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("schema").asString()).contains("PRIMARY KEY (\"city\", \"year\")");
        TestServer.Response r = post("/data/" + t + "/a~2Fb~2Ec,2020/-/update", "{\"update\": {\"n\": 10}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(ckanRecords(t).get(0).get("n").asLong()).isEqualTo(10);
        assertThat(post("/data/" + t + "/a~2Fb~2Ec/-/update", "{\"update\": {\"n\": 10}}")
                        .status())
                .isEqualTo(400);
        TestServer.Response deleted = post("/data/" + t + "/x,2021/-/delete", "");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(ckanRecords(t)).hasSize(1);
    }

    @Test
    void aTableWithoutPrimaryKeyIsAddressedByRowid() {
        String t = newTable();
        post("/data/-/create", "{\"table\": \"%s\", \"rows\": [{\"v\": \"a\"}, {\"v\": \"b\"}]}".formatted(t));
        TestServer.Response r = post("/data/" + t + "/2/-/update", "{\"update\": {\"v\": \"B\"}, \"return\": true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("rows")).isEqualTo(json("[{\"rowid\": 2, \"v\": \"B\"}]"));
        TestServer.Response upsert = post("/data/" + t + "/-/upsert", "{\"row\": {\"rowid\": 1, \"v\": \"A\"}}");
        assertThat(upsert.status()).as(upsert.body()).isEqualTo(200);
        assertThat(upsert.json().get("rows")).isEqualTo(json("[{\"rowid\": 1, \"v\": \"A\"}]"));
        assertThat(post("/data/" + t + "/1/-/delete", "").status()).isEqualTo(200);
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("v").asString()).isEqualTo("B");
    }

    @Test
    void deleteRemovesTheRowAndAMissingRowIs404() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1}, {\"id\": 2}]}");
        TestServer.Response r = post("/data/" + t + "/1/-/delete", "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(json("{\"ok\": true}"));
        assertError(post("/data/" + t + "/1/-/delete", ""), 404, "Record not found: ['1']");
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("id").asLong()).isEqualTo(2);
    }

    // ---- drop --------------------------------------------------------------------------------------

    @Test
    void dropWithoutConfirmDropsNothingAndWithConfirmDropsTheTable() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1}, {\"id\": 2}]}");
        TestServer.Response ask = post("/data/" + t + "/-/drop", "{}");
        assertThat(ask.status()).as(ask.body()).isEqualTo(200);
        assertThat(ask.json()).isEqualTo(json("""
                        {"ok": true, "database": "data", "table": "%s", "row_count": 2,
                         "message": "Pass \\"confirm\\": true to confirm"}""".formatted(t)));
        assertThat(ckanRecords(t)).hasSize(2);
        TestServer.Response drop = post("/data/" + t + "/-/drop", "{\"confirm\": true}");
        assertThat(drop.status()).as(drop.body()).isEqualTo(200);
        assertThat(drop.json()).isEqualTo(json("{\"ok\": true}"));
        assertThat(server.action("datastore_search", Map.of("resource_id", t)).status())
                .isEqualTo(404);
        assertError(post("/data/" + t + "/-/drop", "{\"confirm\": true}"), 404, "Table not found: " + t);
    }

    // ---- common rules ------------------------------------------------------------------------------

    @Test
    void everyWriteEndpointAnswersGetWith405() {
        String t = newTable();
        createDogs(t);
        post("/data/" + t + "/-/insert", "{\"rows\": [{\"id\": 1}]}");
        for (String path : List.of(
                "/data/-/create",
                "/data/" + t + "/-/insert",
                "/data/" + t + "/-/upsert",
                "/data/" + t + "/-/drop",
                "/data/" + t + "/1/-/update",
                "/data/" + t + "/1/-/delete")) {
            assertError(server.get(path), 405, "Method not allowed");
        }
    }

    @Test
    void unknownDatabaseOrTableIs404() {
        assertError(
                post("/nope/-/create", "{\"table\": \"x\", \"columns\": [{\"name\": \"a\"}]}"),
                404,
                "Database not found");
        assertError(post("/data/no_such_table/-/insert", "{\"row\": {}}"), 404, "Table not found: no_such_table");
        assertError(post("/data/no_such_table/1/-/delete", ""), 404, "Table not found: no_such_table");
    }

    @Test
    void theBodyIsJsonWhateverTheContentTypeSays() {
        String t = newTable();
        createDogs(t);
        TestServer.Response r = server.send(
                "POST",
                "/data/" + t + "/-/insert",
                "{\"row\": {\"id\": 7}}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(ckanRecords(t)).hasSize(1);
    }

    @Test
    void aBodyOverTheLimitIs413InDatasettesWords() {
        String t = newTable();
        createDogs(t);
        String big = "{\"rows\": [{\"id\": 1, \"name\": \"" + "x".repeat(1024 * 1024) + "\"}]}";
        TestServer.Response r = post("/data/" + t + "/-/insert", big);
        assertError(r, 413, "Request body exceeded maximum size of 1048576 bytes");
        assertThat(ckanRecords(t)).isEmpty();
    }

    @Test
    void base64BlobsRoundTripAndAreStoredAsTheirBase64Text() {
        String t = newTable();
        post(
                "/data/-/create",
                "{\"table\": \"%s\", \"columns\": [{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"data\", \"type\": \"blob\"}], \"pk\": \"id\"}"
                        .formatted(t));
        String encoded = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255});
        TestServer.Response r = post(
                "/data/" + t + "/-/insert",
                "{\"row\": {\"id\": 1, \"data\": {\"$base64\": true, \"encoded\": \"%s\"}}}".formatted(encoded));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("rows").get(0).get("data"))
                .isEqualTo(json("{\"$base64\": true, \"encoded\": \"%s\"}".formatted(encoded)));
        assertThat(ckanRecords(t).get(0).get("data").asString()).isEqualTo(encoded);
        assertError(
                post(
                        "/data/" + t + "/-/insert",
                        "{\"row\": {\"id\": 2, \"data\": {\"$base64\": true, \"encoded\": \"@@@\"}}}"),
                400,
                "Invalid base64 in column data");
    }

    @Test
    void aRowWrittenThroughCkanIsUpdatedAndDeletedThroughDatasette() {
        String t = newTable();
        TestServer.Response created = server.action("datastore_create", json("""
                        {"resource_id": "%s", "force": true, "primary_key": "code",
                         "fields": [{"id": "code", "type": "text"}, {"id": "n", "type": "int4"}],
                         "records": [{"code": "a", "n": 1}, {"code": "b", "n": 2}]}""".formatted(t)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        TestServer.Response updated = post("/data/" + t + "/a/-/update", "{\"update\": {\"n\": 10}, \"return\": true}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("rows")).isEqualTo(json("[{\"code\": \"a\", \"n\": 10}]"));
        assertThat(post("/data/" + t + "/b/-/delete", "").status()).isEqualTo(200);
        JsonNode rows = ckanRecords(t);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("n").asInt()).isEqualTo(10);
    }
}
