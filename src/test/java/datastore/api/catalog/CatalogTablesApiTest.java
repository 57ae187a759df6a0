package datastore.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalog's data tables over HTTP: schemas, materialising, migrations, soft delete, on each engine. */
class CatalogTablesApiTest {
    private static TestServer server;
    private static CatalogCalls api;

    private static final Map<String, Object> BOOKS = Map.of(
            "fields",
            List.of(
                    Map.of("name", "id", "type", "integer"),
                    Map.of("name", "title", "type", "string"),
                    Map.of("name", "pages", "type", "integer")),
            "primaryKey",
            List.of("id"));

    @BeforeAll
    static void start() {
        server = TestServer.open();
        api = new CatalogCalls(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh app and data source; returns the data source's base path. */
    private static String source(String provider) {
        String app = api.post(
                        "/api/apps/",
                        Map.of(
                                "name",
                                "lib " + java.util.UUID.randomUUID().toString().substring(0, 8)))
                .json()
                .get("slug")
                .asString();
        String ds = api.post(
                        "/api/apps/" + app + "/datasources/", Map.of("name", "books " + app, "provider_type", provider))
                .json()
                .get("slug")
                .asString();
        return "/api/apps/" + app + "/datasources/" + ds + "/";
    }

    private static String app(String source) {
        return source.split("/")[3];
    }

    private static JsonNode info(String resourceId) {
        return server.action("datastore_info", Map.of("id", resourceId)).result();
    }

    private static void insert(String resourceId, List<Map<String, Object>> records) {
        TestServer.Response r = server.action(
                "datastore_upsert", Map.of("resource_id", resourceId, "method", "insert", "records", records));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void createsAndMaterialisesAFlatTableWithTypedColumnsAndItsKey() {
        String base = source("flat_table");
        TestServer.Response r = api.post(base + "datatables/", Map.of("name", "Books", "json_schema", BOOKS));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode t = r.json();
        String physical = app(base).replace('-', '_') + "_books";
        assertThat(t.get("physical_name").asString()).isEqualTo(physical);
        assertThat(t.get("resource_id").asString()).isEqualTo(physical);
        assertThat(t.get("is_materialized").asBoolean()).isTrue();
        assertThat(t.get("row_count").asLong()).isZero();
        assertThat(t.get("schema_hash").asString()).matches("[0-9a-f]{64}");
        JsonNode fields = info(physical).get("fields");
        assertThat(fields.findValuesAsString("id")).contains("id", "title", "pages");
        assertThat(fields.toString()).contains("int8").contains("text");

        insert(physical, List.of(Map.of("id", 1, "title", "Emma", "pages", 300)));
        JsonNode shown = api.get(base + "datatables/books/").json();
        assertThat(shown.get("row_count").asLong()).isEqualTo(1);
        assertThat(api.get(base + "datatables/books/schema/").json()).isEqualTo(TestServer.JSON.valueToTree(BOOKS));
        TestServer.Response duplicate = server.action(
                "datastore_upsert",
                Map.of("resource_id", physical, "method", "insert", "records", List.of(Map.of("id", 1, "title", "x"))));
        assertThat(duplicate.status()).isNotEqualTo(200);
    }

    @Test
    void anInvalidSchemaIs400WithEveryProblemAtItsJsonPointer() {
        String base = source("flat_table");
        TestServer.Response r = api.post(
                base + "datatables/",
                Map.of(
                        "name",
                        "bad",
                        "json_schema",
                        Map.of(
                                "fields",
                                List.of(
                                        Map.of("name", "a", "type", "bogus"),
                                        Map.of("name", "b", "type", "integer", "format", 7)),
                                "primaryKey",
                                List.of("nope"))));
        assertThat(r.status()).isEqualTo(400);
        JsonNode fields = r.json().get("error").get("fields");
        assertThat(fields.propertyNames()).anyMatch(k -> k.startsWith("json_schema/fields/0"));
        assertThat(fields.propertyNames()).anyMatch(k -> k.startsWith("json_schema/primaryKey"));
        assertThat(api.get(base + "datatables/").json().get("count").asLong()).isZero();
        TestServer.Response missing = api.post(base + "datatables/", Map.of("name", "x"));
        assertThat(missing.json().get("error").get("fields").has("json_schema")).isTrue();
    }

    @Test
    void aTableMadeWithoutMaterialisingIsBuiltLaterOnce() {
        String base = source("flat_table");
        TestServer.Response r =
                api.post(base + "datatables/", Map.of("name", "later", "json_schema", BOOKS, "materialize", false));
        assertThat(r.json().get("is_materialized").asBoolean()).isFalse();
        String resource = r.json().get("resource_id").asString();
        assertThat(server.action("datastore_info", Map.of("id", resource)).status())
                .isEqualTo(404);
        assertThat(api.get("/api/apps/" + app(base) + "/datatables/?is_materialized=false")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        TestServer.Response built = api.post(base + "datatables/later/materialize/", "");
        assertThat(built.status()).isEqualTo(200);
        assertThat(built.json().get("is_materialized").asBoolean()).isTrue();
        assertThat(server.action("datastore_info", Map.of("id", resource)).status())
                .isEqualTo(200);
        assertThat(api.post(base + "datatables/later/materialize/", "").status())
                .isEqualTo(409);
    }

    @Test
    void aJsonbTableIsIdAndDocumentAndItsSchemaChangesAreMetadataOnly() {
        String base = source("jsonb");
        JsonNode t = api.post(base + "datatables/", Map.of("name", "docs", "json_schema", BOOKS))
                .json();
        String resource = t.get("resource_id").asString();
        assertThat(info(resource).get("fields").findValuesAsString("id")).containsExactly("id", "document");
        Map<String, Object> other = Map.of("fields", List.of(Map.of("name", "title", "type", "integer")));
        TestServer.Response changed = api.patch(base + "datatables/docs/", Map.of("json_schema", other));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("schema_hash").asString())
                .isNotEqualTo(t.get("schema_hash").asString());
        assertThat(info(resource).get("fields").findValuesAsString("id")).containsExactly("id", "document");
    }

    @Test
    void aSchemaMigrationAddsRenamesAndWidensKeepingTheData() {
        String base = source("flat_table");
        String resource = api.post(base + "datatables/", Map.of("name", "books", "json_schema", BOOKS))
                .json()
                .get("resource_id")
                .asString();
        insert(
                resource,
                List.of(
                        Map.of("id", 1, "title", "Emma", "pages", 300),
                        Map.of("id", 2, "title", "Ulysses", "pages", 730)));
        Map<String, Object> next = Map.of(
                "fields",
                List.of(
                        Map.of("name", "id", "type", "integer"),
                        Map.of("name", "name", "type", "string"),
                        Map.of("name", "pages", "type", "number"),
                        Map.of("name", "isbn", "type", "string")),
                "primaryKey",
                List.of("id"));
        TestServer.Response r =
                api.patch(base + "datatables/books/", Map.of("json_schema", next, "renames", Map.of("title", "name")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode fields = info(resource).get("fields");
        assertThat(fields.findValuesAsString("id")).containsExactly("id", "name", "pages", "isbn");
        JsonNode rows = server.action("datastore_search", Map.of("resource_id", resource, "sort", "id"))
                .result()
                .get("records");
        assertThat(rows.get(1).get("name").asString()).isEqualTo("Ulysses");
        assertThat(rows.get(1).get("pages").asDouble()).isEqualTo(730.0);
        JsonNode op = api.get(base + "datatables/books/operations/")
                .json()
                .get("results")
                .get(0);
        assertThat(op.get("operation").asString()).isEqualTo("schema_change");
        assertThat(op.get("status").asString()).isEqualTo("applied");
        assertThat(op.get("diff").get("renamed").get("title").asString()).isEqualTo("name");
        assertThat(op.get("diff").get("added").toString()).contains("isbn");
        assertThat(op.get("diff").get("retyped").has("pages")).isTrue();
        assertThat(op.get("schema_hash_after").asString())
                .isEqualTo(r.json().get("schema_hash").asString());
    }

    @Test
    void aLossyMigrationIsRefusedWithTheValuesThatBlockItAndAudited() {
        String base = source("flat_table");
        String resource = api.post(base + "datatables/", Map.of("name", "books", "json_schema", BOOKS))
                .json()
                .get("resource_id")
                .asString();
        insert(
                resource,
                List.of(Map.of("id", 1, "title", "12", "pages", 3), Map.of("id", 2, "title", "Emma", "pages", 4)));
        Map<String, Object> narrowed = Map.of(
                "fields",
                List.of(
                        Map.of("name", "id", "type", "integer"),
                        Map.of("name", "title", "type", "integer"),
                        Map.of("name", "pages", "type", "integer")),
                "primaryKey",
                List.of("id"));
        TestServer.Response r = api.patch(base + "datatables/books/", Map.of("json_schema", narrowed));
        assertThat(r.status()).isEqualTo(400);
        String message = r.json()
                .get("error")
                .get("fields")
                .get("json_schema/fields/1/type")
                .get(0)
                .asString();
        assertThat(message).contains("\"Emma\"").doesNotContain("\"12\"");

        Map<String, Object> dropped = Map.of(
                "fields", List.of(Map.of("name", "id", "type", "integer"), Map.of("name", "title", "type", "string")),
                "primaryKey", List.of("id"));
        TestServer.Response drop = api.patch(base + "datatables/books/", Map.of("json_schema", dropped));
        assertThat(drop.status()).isEqualTo(400);
        assertThat(drop.json()
                        .get("error")
                        .get("fields")
                        .get("json_schema/fields")
                        .get(0)
                        .asString())
                .contains("pages")
                .contains("allow_data_loss");
        assertThat(info(resource).get("fields").findValuesAsString("id")).contains("pages");
        JsonNode ops = api.get(base + "datatables/books/operations/").json().get("results");
        assertThat(ops.get(0).get("status").asString()).isEqualTo("failed");
        assertThat(ops.get(1).get("status").asString()).isEqualTo("failed");

        TestServer.Response allowed =
                api.patch(base + "datatables/books/", Map.of("json_schema", dropped, "allow_data_loss", true));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(info(resource).get("fields").findValuesAsString("id")).containsExactly("id", "title");
    }

    @Test
    void unknownRenamesAre400() {
        String base = source("flat_table");
        api.post(base + "datatables/", Map.of("name", "books", "json_schema", BOOKS));
        TestServer.Response r =
                api.patch(base + "datatables/books/", Map.of("json_schema", BOOKS, "renames", Map.of("nope", "title")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("fields").has("renames")).isTrue();
    }

    @Test
    void deletingADataSourceCascadesToItsTablesAndRestoreBringsThemBack() {
        String base = source("flat_table");
        api.post(base + "datatables/", Map.of("name", "kept", "json_schema", BOOKS));
        String earlier = api.post(base + "datatables/", Map.of("name", "earlier", "json_schema", BOOKS))
                .json()
                .get("resource_id")
                .asString();
        assertThat(api.delete(base + "datatables/earlier/").status()).isEqualTo(204);
        assertThat(api.get(base + "datatables/earlier/").status()).isEqualTo(410);
        assertThat(api.delete(base).status()).isEqualTo(204);
        assertThat(api.get(base + "datatables/kept/").status()).isEqualTo(410);
        assertThat(api.get("/api/apps/" + app(base) + "/")
                        .json()
                        .get("table_count")
                        .asLong())
                .isZero();
        assertThat(api.post(base + "restore/", "").status()).isEqualTo(200);
        assertThat(api.get(base + "datatables/kept/").status()).isEqualTo(200);
        assertThat(api.get(base + "datatables/earlier/").status()).isEqualTo(410);
        // Soft-deleted data stays until a purge.
        assertThat(server.action("datastore_info", Map.of("id", earlier)).status())
                .isEqualTo(200);
        assertThat(api.post(base + "datatables/earlier/purge/", "").status()).isEqualTo(204);
        assertThat(server.action("datastore_info", Map.of("id", earlier)).status())
                .isEqualTo(404);
        assertThat(api.get(base + "datatables/earlier/").status()).isEqualTo(404);
    }

    @Test
    void theAppWideListingCrossesDataSourcesAndFiltersByOne() {
        String base = source("flat_table");
        String app = app(base);
        String other = api.post(
                        "/api/apps/" + app + "/datasources/", Map.of("name", "other " + app, "provider_type", "jsonb"))
                .json()
                .get("slug")
                .asString();
        api.post(base + "datatables/", Map.of("name", "a", "json_schema", BOOKS));
        api.post(
                "/api/apps/" + app + "/datasources/" + other + "/datatables/",
                Map.of("name", "b", "json_schema", BOOKS));
        assertThat(api.get("/api/apps/" + app + "/datatables/")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(2);
        JsonNode one =
                api.get("/api/apps/" + app + "/datatables/?datasource=" + other).json();
        assertThat(one.get("count").asLong()).isEqualTo(1);
        assertThat(one.get("results").get(0).get("datasource").asString()).isEqualTo(other);
        assertThat(api.get(base + "datatables/nope/").status()).isEqualTo(404);
    }

    @Test
    void aTableNameTakenInTheAppGetsASuffix() {
        String base = source("flat_table");
        JsonNode first = api.post(base + "datatables/", Map.of("name", "dup", "json_schema", BOOKS))
                .json();
        JsonNode second = api.post(base + "datatables/", Map.of("name", "dup", "json_schema", BOOKS))
                .json();
        assertThat(second.get("slug").asString()).isEqualTo("dup-2");
        assertThat(second.get("physical_name").asString())
                .isNotEqualTo(first.get("physical_name").asString());
        assertThat(api.post(base + "datatables/", Map.of("name", "x", "slug", "dup", "json_schema", BOOKS))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void statsCountSourcesByProviderTablesMaterialisedAndRows() {
        String base = source("flat_table");
        String app = app(base);
        api.post("/api/apps/" + app + "/datasources/", Map.of("name", "docs " + app, "provider_type", "jsonb"));
        String resource = api.post(base + "datatables/", Map.of("name", "a", "json_schema", BOOKS))
                .json()
                .get("resource_id")
                .asString();
        api.post(base + "datatables/", Map.of("name", "b", "json_schema", BOOKS, "materialize", false));
        insert(resource, List.of(Map.of("id", 1, "title", "x", "pages", 1), Map.of("id", 2, "title", "y", "pages", 2)));
        JsonNode stats = api.get("/api/apps/" + app + "/stats/").json();
        assertThat(stats.get("datasources").asLong()).isEqualTo(2);
        assertThat(stats.get("datasources_by_provider").get("flat_table").asLong())
                .isEqualTo(1);
        assertThat(stats.get("datasources_by_provider").get("jsonb").asLong()).isEqualTo(1);
        assertThat(stats.get("tables").asLong()).isEqualTo(2);
        assertThat(stats.get("materialized").asLong()).isEqualTo(1);
        assertThat(stats.get("rows").asLong()).isEqualTo(2);
        assertThat(stats.get("last_change").asString()).endsWith("Z");
        JsonNode source = api.get(base + "stats/").json();
        assertThat(source.get("tables").asLong()).isEqualTo(2);
        assertThat(source.get("rows").asLong()).isEqualTo(2);
        JsonNode perTable = api.get("/api/apps/" + app + "/datatables/stats/").json();
        assertThat(perTable.get("count").asLong()).isEqualTo(2);
        assertThat(perTable.get("results").findValuesAsString("resource_id")).contains(resource);
        assertThat(perTable.get("rows").asLong()).isEqualTo(2);
    }
}
