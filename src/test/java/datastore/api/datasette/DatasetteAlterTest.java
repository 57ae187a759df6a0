package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /{db}/{table}/-/alter}: each operation, several at once, and what a refusal leaves. */
class DatasetteAlterTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A table {@code id, title, score} (key id, alias {@code <name>_v}) with two rows, made through CKAN. */
    private static String table() {
        String name = "alt_" + UUID.randomUUID().toString().substring(0, 8);
        TestServer.Response r = server.action(
                "datastore_create",
                ("{'resource_id': '%s', 'primary_key': 'id', 'aliases': '%s_v', 'fields': [{'id': 'id', 'type': 'int'},"
                                + " {'id': 'title', 'type': 'text', 'info': {'label': 'Title'}},"
                                + " {'id': 'score', 'type': 'float8'}],"
                                + " 'records': [{'id': 1, 'title': 'apple', 'score': 1.5},"
                                + " {'id': 2, 'title': 'banana', 'score': 2.5}]}")
                        .formatted(name, name)
                        .replace('\'', '"'));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return name;
    }

    private static TestServer.Response alter(String table, String operations) {
        return server.post(
                "/data/" + table + "/-/alter", ("{'operations': " + operations + "}").replace('\'', '"'), Map.of());
    }

    private static JsonNode altered(String table, String operations) {
        TestServer.Response r = alter(table, operations);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** {@code datastore_info}'s fields: {@code id:type}, in order. */
    private static List<String> columns(String table) {
        TestServer.Response r = server.action("datastore_info", Map.of("id", table));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.result()
                .get("fields")
                .forEach(f ->
                        out.add(f.get("id").asString() + ":" + f.get("type").asString()));
        return out;
    }

    private static JsonNode field(String table, String id) {
        for (JsonNode f :
                server.action("datastore_info", Map.of("id", table)).result().get("fields")) {
            if (f.get("id").asString().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no field " + id);
    }

    /** The rows by {@code _id}, each as its values joined by {@code |}, in the table's column order. */
    private static List<String> rows(String table) {
        TestServer.Response r = server.action("datastore_search", Map.of("resource_id", table, "sort", "_id"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode rec : r.result().get("records")) {
            List<String> values = new ArrayList<>();
            rec.properties().forEach(e -> {
                if (!e.getKey().equals("_id")) {
                    values.add(e.getValue().isNull() ? "null" : e.getValue().asString());
                }
            });
            out.add(String.join("|", values));
        }
        return out;
    }

    @Test
    void addColumnAddsEmptyColumnsOfTheMappedTypes() {
        String t = table();
        JsonNode r = altered(
                t,
                "[{'op': 'add_column', 'args': {'name': 'slug'}},"
                        + " {'op': 'add_column', 'args': {'name': 'n', 'type': 'integer', 'not_null': false}},"
                        + " {'op': 'add_column', 'args': {'name': 'f', 'type': 'float', 'default': null}},"
                        + " {'op': 'add_column', 'args': {'name': 'b', 'type': 'blob'}}]");
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("database").asString()).isEqualTo("data");
        assertThat(r.get("table").asString()).isEqualTo(t);
        assertThat(r.get("table_url").asString()).isEqualTo(server.url("/data/" + t));
        assertThat(r.get("table_api_url").asString()).isEqualTo(server.url("/data/" + t + ".json"));
        assertThat(r.get("altered").asBoolean()).isTrue();
        assertThat(r.get("operations_applied").asInt()).isEqualTo(4);
        assertThat(r.get("before_schema").asString())
                .isEqualTo("CREATE TABLE \"" + t + "\" (\n   \"id\" INTEGER PRIMARY KEY,\n   \"title\" TEXT,\n"
                        + "   \"score\" REAL\n)");
        assertThat(r.get("schema").asString())
                .isEqualTo("CREATE TABLE \"" + t + "\" (\n   \"id\" INTEGER PRIMARY KEY,\n   \"title\" TEXT,\n"
                        + "   \"score\" REAL,\n   \"slug\" TEXT,\n   \"n\" INTEGER,\n   \"f\" REAL,\n   \"b\" BLOB\n)");
        assertThat(columns(t))
                .containsExactly("id:int4", "title:text", "score:float8", "slug:text", "n:int8", "f:float8", "b:text");
        assertThat(field(t, "b").get("info").get("datasette_type").asString()).isEqualTo("blob");
        assertThat(rows(t)).containsExactly("1|apple|1.5|null|null|null|null", "2|banana|2.5|null|null|null|null");
    }

    @Test
    void renameColumnKeepsItsValuesAndDataDictionary() {
        String t = table();
        JsonNode r = altered(t, "[{'op': 'rename_column', 'args': {'name': 'title', 'to': 'headline'}}]");
        assertThat(r.get("schema").asString()).contains("\"headline\" TEXT").doesNotContain("\"title\"");
        assertThat(columns(t)).containsExactly("id:int4", "headline:text", "score:float8");
        assertThat(field(t, "headline").get("info").get("label").asString()).isEqualTo("Title");
        assertThat(rows(t)).containsExactly("1|apple|1.5", "2|banana|2.5");
        assertThat(rows(t + "_v")).containsExactly("1|apple|1.5", "2|banana|2.5");
    }

    @Test
    void dropColumnRemovesItAndItsValues() {
        String t = table();
        altered(t, "[{'op': 'drop_column', 'args': {'name': 'score'}}]");
        assertThat(columns(t)).containsExactly("id:int4", "title:text");
        assertThat(rows(t)).containsExactly("1|apple", "2|banana");
    }

    @Test
    void alterColumnRetypesKeepingValues() {
        String t = table();
        JsonNode r = altered(
                t,
                "[{'op': 'alter_column', 'args': {'name': 'score', 'type': 'text'}},"
                        + " {'op': 'alter_column', 'args': {'name': 'title', 'type': 'blob'}}]");
        assertThat(r.get("schema").asString()).contains("\"score\" TEXT", "\"title\" BLOB");
        assertThat(columns(t)).containsExactly("id:int4", "title:text", "score:text");
        assertThat(field(t, "title").get("info").get("datasette_type").asString())
                .isEqualTo("blob");
        assertThat(field(t, "title").get("info").get("label").asString()).isEqualTo("Title");
        assertThat(rows(t)).containsExactly("1|apple|1.5", "2|banana|2.5");

        altered(t, "[{'op': 'alter_column', 'args': {'name': 'score', 'type': 'float'}}]");
        assertThat(columns(t)).containsExactly("id:int4", "title:text", "score:float8");
        assertThat(rows(t)).containsExactly("1|apple|1.5", "2|banana|2.5");
    }

    @Test
    void setPrimaryKeyReplacesTheKeyUpsertsUse() {
        String t = table();
        JsonNode r = altered(t, "[{'op': 'set_primary_key', 'args': {'columns': ['title']}}]");
        assertThat(r.get("schema").asString()).contains("\"title\" TEXT PRIMARY KEY", "\"id\" INTEGER,");
        TestServer.Response up = server.action(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        t,
                        "method",
                        "upsert",
                        "records",
                        List.of(Map.of("title", "apple", "score", 9.5))));
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(rows(t)).containsExactly("1|apple|9.5", "2|banana|2.5");

        JsonNode compound = altered(t, "[{'op': 'set_primary_key', 'args': {'columns': ['id', 'title']}}]");
        assertThat(compound.get("schema").asString()).endsWith("   PRIMARY KEY (\"id\", \"title\")\n)");
    }

    @Test
    void reorderColumnsPutsTheListedOnesFirst() {
        String t = table();
        JsonNode r = altered(t, "[{'op': 'reorder_columns', 'args': {'columns': ['score']}}]");
        assertThat(r.get("altered").asBoolean()).isTrue();
        assertThat(columns(t)).containsExactly("score:float8", "id:int4", "title:text");
        assertThat(rows(t)).containsExactly("1.5|1|apple", "2.5|2|banana");
        assertThat(rows(t + "_v")).containsExactly("1.5|1|apple", "2.5|2|banana");
        assertThat(field(t, "title").get("info").get("label").asString()).isEqualTo("Title");
        // The key and the row ids survive the move.
        TestServer.Response ids =
                server.action("datastore_search", Map.of("resource_id", t, "fields", "_id,id", "sort", "_id"));
        assertThat(ids.result().get("records").toString()).isEqualTo("[{\"_id\":1,\"id\":1},{\"_id\":2,\"id\":2}]");
        assertThat(server.action(
                                "datastore_upsert",
                                Map.of("resource_id", t, "method", "insert", "records", List.of(Map.of("id", 1))))
                        .status())
                .isEqualTo(409);
        TestServer.Response added = server.action(
                "datastore_upsert",
                Map.of("resource_id", t, "method", "insert", "records", List.of(Map.of("id", 3, "title", "cherry"))));
        assertThat(added.status()).isEqualTo(200);
        TestServer.Response next = server.action(
                "datastore_search", Map.of("resource_id", t, "fields", "_id,id", "filters", Map.of("id", 3)));
        assertThat(next.result().get("records").get(0).get("_id").asInt()).isGreaterThan(2);
    }

    @Test
    void renameTableIsAppliedLastAndKeepsRowsAndAliases() {
        String t = table();
        String renamed = t + "_new";
        JsonNode r = altered(
                t,
                "[{'op': 'rename_table', 'args': {'to': '" + renamed + "'}},"
                        + " {'op': 'rename_column', 'args': {'name': 'title', 'to': 'headline'}},"
                        + " {'op': 'drop_column', 'args': {'name': 'score'}}]");
        assertThat(r.get("table").asString()).isEqualTo(renamed);
        assertThat(r.get("table_url").asString()).endsWith("/data/" + renamed);
        assertThat(r.get("table_api_url").asString()).endsWith("/data/" + renamed + ".json");
        assertThat(r.get("operations_applied").asInt()).isEqualTo(3);
        assertThat(r.get("before_schema").asString()).startsWith("CREATE TABLE \"" + t + "\" (");
        assertThat(r.get("schema").asString())
                .isEqualTo(
                        "CREATE TABLE \"" + renamed + "\" (\n   \"id\" INTEGER PRIMARY KEY,\n   \"headline\" TEXT\n)");
        assertThat(server.action("datastore_info", Map.of("id", t)).status()).isEqualTo(404);
        assertThat(columns(renamed)).containsExactly("id:int4", "headline:text");
        assertThat(rows(renamed)).containsExactly("1|apple", "2|banana");
        assertThat(rows(t + "_v")).containsExactly("1|apple", "2|banana");
        assertThat(server.action("datastore_search", Map.of("resource_id", renamed, "q", "banana"))
                        .result()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void severalOperationsApplyInOrder() {
        String t = table();
        JsonNode r = altered(
                t,
                "[{'op': 'add_column', 'args': {'name': 'slug', 'type': 'text'}},"
                        + " {'op': 'rename_column', 'args': {'name': 'title', 'to': 'name'}},"
                        + " {'op': 'rename_column', 'args': {'name': 'slug', 'to': 'title'}},"
                        + " {'op': 'alter_column', 'args': {'name': 'score', 'type': 'text', 'default': null}},"
                        + " {'op': 'drop_column', 'args': {'name': 'id'}},"
                        + " {'op': 'reorder_columns', 'args': {'columns': ['title', 'name']}},"
                        + " {'op': 'set_primary_key', 'args': {'columns': ['name']}}]");
        assertThat(r.get("operations_applied").asInt()).isEqualTo(7);
        assertThat(r.get("schema").asString())
                .isEqualTo("CREATE TABLE \"" + t + "\" (\n   \"title\" TEXT,\n   \"name\" TEXT PRIMARY KEY,\n"
                        + "   \"score\" TEXT\n)");
        assertThat(columns(t)).containsExactly("title:text", "name:text", "score:text");
        assertThat(rows(t)).containsExactly("null|apple|1.5", "null|banana|2.5");
        assertThat(field(t, "name").get("info").get("label").asString()).isEqualTo("Title");
    }

    @Test
    void nothingToChangeIsAlteredFalse() {
        String t = table();
        JsonNode r = altered(
                t,
                "[{'op': 'alter_column', 'args': {'name': 'title', 'type': 'text'}},"
                        + " {'op': 'rename_column', 'args': {'name': 'score', 'to': 'score'}},"
                        + " {'op': 'reorder_columns', 'args': {'columns': ['id', 'title']}},"
                        + " {'op': 'set_primary_key', 'args': {'columns': ['id']}},"
                        + " {'op': 'rename_table', 'args': {'to': '" + t + "'}}]");
        assertThat(r.get("altered").asBoolean()).isFalse();
        assertThat(r.get("schema").asString()).isEqualTo(r.get("before_schema").asString());
        assertThat(r.get("operations_applied").asInt()).isEqualTo(5);
        assertThat(r.get("table").asString()).isEqualTo(t);
    }

    /** Every refusal is a 400 naming the problem, and the table is as it was. */
    private static void refused(String t, String operations, String... errors) {
        TestServer.Response r = alter(t, operations);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("status").asInt()).isEqualTo(400);
        List<String> got = new ArrayList<>();
        body.get("errors").forEach(e -> got.add(e.asString()));
        assertThat(got).containsExactly(errors);
        assertThat(body.get("error").asString()).isEqualTo(String.join("; ", errors));
        assertThat(columns(t)).containsExactly("id:int4", "title:text", "score:float8");
        assertThat(rows(t)).containsExactly("1|apple|1.5", "2|banana|2.5");
        assertThat(rows(t + "_v")).containsExactly("1|apple|1.5", "2|banana|2.5");
    }

    @Test
    void malformedBodiesAreRefusedInPydanticsWords() {
        String t = table();
        TestServer.Response list = server.post("/data/" + t + "/-/alter", "[]", Map.of());
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.json().get("error").asString()).isEqualTo("JSON must be a dictionary");
        TestServer.Response extra =
                server.post("/data/" + t + "/-/alter", "{\"dry_run\": true, \"operations\": []}", Map.of());
        assertThat(extra.json().get("errors").toString())
                .isEqualTo("[\"operations: List should have at least 1 item after validation, not 0\","
                        + "\"dry_run: Extra inputs are not permitted\"]");
        refused(
                t,
                "[{'op': 'add_column', 'args': {'type': 'text'}}]",
                "operations.0.add_column.args.name: Field required");
        refused(
                t,
                "[{'op': 'add_column', 'args': {'name': 'x', 'type': 'bad'}}]",
                "operations.0.add_column.args.type: Input should be 'text', 'integer', 'float' or 'blob'");
        refused(
                t,
                "[{'op': 'drop_column', 'args': {'name': 'title'}}, {'op': 'explode', 'args': {}}]",
                "operations.1: Input tag 'explode' does not match any of the expected tags: 'add_column',"
                        + " 'rename_column', 'rename_table', 'alter_column', 'drop_column', 'set_primary_key',"
                        + " 'reorder_columns', 'add_foreign_key', 'drop_foreign_key', 'set_foreign_keys'");
        refused(
                t,
                "[{'op': 'add_column', 'args': {'name': 'x', 'default_expr': 'datetime(1)'}}]",
                "operations.0.add_column.args.default_expr: Input should be 'current_timestamp', 'current_date',"
                        + " 'current_time', 'current_unixtime' or 'current_unixtime_ms'");
        refused(
                t,
                "[{'op': 'add_column', 'args': {'name': 'x', 'default': 'x', 'default_expr': 'current_timestamp'}}]",
                "operations.0.add_column.args: Value error, default and default_expr cannot both be provided");
        refused(
                t,
                "[{'op': 'alter_column', 'args': {'name': 'title'}}]",
                "operations.0.alter_column.args: Value error, At least one of type, not_null, default or default_expr"
                        + " must be provided");
        refused(
                t,
                "[{'op': 'rename_column', 'args': {'name': 'title', 'to': 'x', 'why': 1}}]",
                "operations.0.rename_column.args.why: Extra inputs are not permitted");
    }

    @Test
    void operationsThatCannotApplyAreAllRefusedTogether() {
        String t = table();
        String other = table();
        refused(
                t,
                "[{'op': 'add_column', 'args': {'name': 'slug'}},"
                        + " {'op': 'drop_column', 'args': {'name': 'nope'}},"
                        + " {'op': 'add_column', 'args': {'name': 'title'}},"
                        + " {'op': 'rename_column', 'args': {'name': 'title', 'to': 'score'}},"
                        + " {'op': 'set_primary_key', 'args': {'columns': ['id', 'id']}},"
                        + " {'op': 'reorder_columns', 'args': {'columns': ['ghost']}},"
                        + " {'op': 'rename_table', 'args': {'to': '" + other + "'}}]",
                "operations.1.drop_column.args.name: Column not found: nope",
                "operations.2.add_column.args.name: Column already exists: title",
                "operations.3.rename_column.args.to: Column already exists: score",
                "operations.4.set_primary_key.args.columns: Duplicate column: id",
                "operations.5.reorder_columns.args.columns: Column not found: ghost",
                "operations.6.rename_table.args.to: Table already exists: " + other);
        refused(
                t,
                "[{'op': 'add_column', 'args': {'name': '_hidden'}}]",
                "operations.0.add_column.args.name: Invalid column name: _hidden: it starts with an underscore"
                        + " (reserved for _id and _full_text)");
        refused(
                t,
                "[{'op': 'add_column', 'args': {'name': 'x', 'not_null': true}}]",
                "add_column args.default or args.default_expr is required when not_null is true");
        refused(
                t,
                "[{'op': 'add_foreign_key', 'args': {'column': 'id', 'fk_table': 'x'}}]",
                "operations.0.add_foreign_key: add_foreign_key is not supported: this datastore has no foreign keys");
        refused(
                t,
                "[{'op': 'rename_table', 'args': {'to': '" + t + "_v'}}]",
                "operations.0.rename_table.args.to: Table already exists: " + t + "_v");
    }

    @Test
    void aFailureWhileApplyingLeavesTheTableAsItWas() {
        String t = table();
        TestServer.Response r = alter(
                t,
                "[{'op': 'rename_column', 'args': {'name': 'score', 'to': 'points'}},"
                        + " {'op': 'add_column', 'args': {'name': 'slug'}},"
                        + " {'op': 'alter_column', 'args': {'name': 'title', 'type': 'integer'}},"
                        + " {'op': 'rename_table', 'args': {'to': '" + t + "_x'}}]");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors")).isNotEmpty();
        assertThat(columns(t)).containsExactly("id:int4", "title:text", "score:float8");
        assertThat(rows(t)).containsExactly("1|apple|1.5", "2|banana|2.5");
        assertThat(rows(t + "_v")).containsExactly("1|apple|1.5", "2|banana|2.5");
        assertThat(server.action("datastore_info", Map.of("id", t + "_x")).status())
                .isEqualTo(404);

        TestServer.Response dup = alter(t, "[{'op': 'set_primary_key', 'args': {'columns': ['score']}}]");
        assertThat(dup.status()).isEqualTo(200);
        server.action(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        t,
                        "method",
                        "insert",
                        "records",
                        List.of(Map.of("id", 3, "title", "apple", "score", 3.5))));
        TestServer.Response clash = alter(t, "[{'op': 'set_primary_key', 'args': {'columns': ['title']}}]");
        assertThat(clash.status()).as(clash.body()).isEqualTo(400);
        assertThat(altered(t, "[{'op': 'drop_column', 'args': {'name': 'id'}}]")
                        .get("schema")
                        .asString())
                .contains("\"score\" REAL PRIMARY KEY");
    }

    @Test
    void unknownTablesAndDatabasesAre404AndGetIs405() {
        String t = table();
        TestServer.Response missing = alter("nope_" + t, "[{'op': 'drop_column', 'args': {'name': 'x'}}]");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Table not found: nope_" + t);
        TestServer.Response db = server.post("/other/" + t + "/-/alter", "{}", Map.of());
        assertThat(db.status()).isEqualTo(404);
        TestServer.Response alias = alter(t + "_v", "[{'op': 'drop_column', 'args': {'name': 'title'}}]");
        assertThat(alias.status()).isEqualTo(404);
        TestServer.Response get = server.get("/data/" + t + "/-/alter");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.json().get("ok").asBoolean()).isFalse();
        assertThat(get.json().get("error").asString()).isEqualTo("Method not allowed");
        assertThat(get.json().get("status").asInt()).isEqualTo(405);
        assertThat(columns(t)).containsExactly("id:int4", "title:text", "score:float8");
    }

    @Test
    void alterNeedsTheRightToAlterTheTable() {
        try (TestServer s = TestServer.start(Map.of())) {
            Map<String, String> admin =
                    Map.of("Authorization", "Bearer " + s.adminToken().orElseThrow());
            TestServer.Response created = s.action(
                    "datastore_create",
                    Map.of("resource_id", "guarded", "fields", List.of(Map.of("id", "a", "type", "text"))),
                    admin);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            String body = "{\"operations\": [{\"op\": \"drop_column\", \"args\": {\"name\": \"a\"}}]}";
            TestServer.Response anonymous = s.post("/data/guarded/-/alter", body, Map.of());
            assertThat(anonymous.status()).isEqualTo(403);
            assertThat(anonymous.json().get("errors").toString())
                    .isEqualTo("[\"Permission denied: need alter-table\"]");
            assertThat(s.action("datastore_info", Map.of("id", "guarded"), admin)
                            .result()
                            .get("fields"))
                    .hasSize(1);
            TestServer.Response allowed = s.post("/data/guarded/-/alter", body, admin);
            assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
            assertThat(allowed.json().get("schema").asString()).isEqualTo("CREATE TABLE \"guarded\" (\n)");
        }
    }
}
