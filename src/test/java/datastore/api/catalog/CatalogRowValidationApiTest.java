package datastore.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A data table's schema on every write path (CKAN, Datasette, the catalog's rows), and the validate dry run. */
class CatalogRowValidationApiTest {
    private static final Map<String, Object> SCHEMA = Map.of(
            "fields",
            List.of(
                    Map.of("name", "id", "type", "integer"),
                    Map.of("name", "title", "type", "string", "constraints", Map.of("required", true)),
                    Map.of("name", "year", "type", "integer", "constraints", Map.of("minimum", 1450))),
            "primaryKey",
            List.of("id"));

    private static TestServer server;
    private static CatalogCalls api;

    @BeforeAll
    static void start() {
        server = TestServer.open();
        api = new CatalogCalls(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh materialised table; returns its path under /api/apps/. */
    private static String table() {
        String app = api.post(
                        "/api/apps/",
                        Map.of(
                                "name",
                                "rows " + java.util.UUID.randomUUID().toString().substring(0, 8)))
                .json()
                .get("slug")
                .asString();
        String ds = api.post(
                        "/api/apps/" + app + "/datasources/",
                        Map.of("name", "src " + app, "provider_type", "flat_table"))
                .json()
                .get("slug")
                .asString();
        String base = "/api/apps/" + app + "/datasources/" + ds + "/datatables/";
        TestServer.Response r = api.post(base, Map.of("name", "books", "json_schema", SCHEMA));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return base + r.json().get("slug").asString() + "/";
    }

    private static String resourceId(String table) {
        return api.get(table).json().get("resource_id").asString();
    }

    private static long stored(String resourceId) {
        return server.action("datastore_search", Map.of("resource_id", resourceId))
                .result()
                .get("total")
                .asLong();
    }

    private static List<String> errors(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(e.get("type").asString() + "@"
                + e.get("rowNumber").asInt() + ":" + e.path("fieldName").asString("")));
        return out;
    }

    @Test
    void ckanUpsertRefusesAnInvalidRecordInCkansShapeAndWritesNothing() {
        String id = resourceId(table());
        TestServer.Response r = server.action(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        id,
                        "method",
                        "insert",
                        "records",
                        List.of(Map.of("id", 1, "title", "ok", "year", 1999), Map.of("id", 2, "year", 1200))));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        JsonNode error = r.error();
        assertThat(error.get("__type").asString()).isEqualTo("Validation Error");
        assertThat(error.get("records_row").asInt()).isEqualTo(2);
        List<String> messages = new ArrayList<>();
        error.get("records").forEach(m -> messages.add(m.asString()));
        assertThat(messages)
                .containsExactly(
                        "row \"2\": constraint-error in field \"title\": constraint \"required\" is \"True\"",
                        "row \"2\": constraint-error in field \"year\": constraint \"minimum\" is \"1450\"");
        assertThat(stored(id)).isZero();
    }

    @Test
    void datasetteInsertRefusesAnInvalidRowWithItsErrorObject() {
        String id = resourceId(table());
        TestServer.Response r =
                server.post("/data/" + id + "/-/insert", "{\"rows\": [{\"id\": \"one\", \"title\": \"x\"}]}", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("ok").asBoolean()).isFalse();
        assertThat(r.json().get("errors").get(0).asString()).contains("type-error in field \"id\"");
        assertThat(stored(id)).isZero();
    }

    @Test
    void catalogRowsRefuseWithFrictionlessErrorsOrSkipTheInvalidOnes() {
        String table = table();
        TestServer.Response refused = api.post(
                table + "rows/", Map.of("rows", List.of(Map.of("id", 1, "title", "a"), Map.of("id", 1, "title", "b"))));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(errors(refused.json().get("error").get("errors"))).containsExactly("primary-key@3:");
        assertThat(stored(resourceId(table))).isZero();

        TestServer.Response skipped = api.post(
                table + "rows/",
                Map.of(
                        "on_invalid",
                        "skip",
                        "rows",
                        List.of(
                                Map.of("id", 1, "title", "a"),
                                Map.of("id", 2, "year", 1000),
                                Map.of("id", 3, "title", "c"))));
        assertThat(skipped.status()).as(skipped.body()).isEqualTo(201);
        assertThat(skipped.json().get("inserted").asInt()).isEqualTo(2);
        JsonNode rejected = skipped.json().get("rejected");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(errors(rejected.get(0).get("errors")))
                .containsExactly("constraint-error@3:title", "constraint-error@3:year");

        // A key already stored is refused, through the catalog as through CKAN.
        TestServer.Response again =
                api.post(table + "rows/", Map.of("rows", List.of(Map.of("id", 3, "title", "again"))));
        assertThat(errors(again.json().get("error").get("errors"))).containsExactly("primary-key@2:");

        JsonNode page = api.get(table + "rows/?limit=1&offset=1").json();
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.get("results")).hasSize(1);
        assertThat(page.get("results").get(0).get("title").asString()).isEqualTo("c");
        JsonNode filtered = api.get(table + "rows/?title=a").json();
        assertThat(filtered.get("results")).hasSize(1);
        assertThat(filtered.get("results").get(0).get("id").asInt()).isEqualTo(1);
    }

    @Test
    void validateAnswersAFrictionlessReportForJsonRowsAndWritesNothing() {
        String table = table();
        TestServer.Response r = api.post(
                table + "validate/",
                Map.of("rows", List.of(Map.of("id", 1, "title", "a"), Map.of("id", "x", "title", "b"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("stats").get("rows").asInt()).isEqualTo(2);
        assertThat(report.get("stats").get("errors").asInt()).isEqualTo(2);
        assertThat(errors(report.get("errors"))).containsExactly("type-error@3:id", "primary-key@3:");
        assertThat(stored(resourceId(table))).isZero();
    }

    @Test
    void validateReadsACsvBodyAsFrictionlessReadsAFile() {
        String table = table();
        String csv = "id,title,year\n1,a,2001\n2,,1999\nthree,c,1000\n";
        TestServer.Response r = server.send(
                "POST", table + "validate/", csv.getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/csv"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("valid").asBoolean()).isFalse();
        assertThat(errors(r.json().get("errors")))
                .containsExactly(
                        "constraint-error@3:title", "type-error@4:id", "constraint-error@4:year", "primary-key@4:");
    }
}
