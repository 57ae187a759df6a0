package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateAndSearchApiTest extends ApiTestSupport {

    @Test
    void createReportsGuessedTypesAndSearchReturnsRowsInInsertOrder() {
        JsonNode created = ok(
                "datastore_create",
                "{\"resource_id\": \"guess\", \"records\": ["
                        + "{\"n\": 1, \"f\": 1.5, \"s\": \"x\", \"when\": \"2020-01-02\", \"j\": {\"a\": 1}},"
                        + "{\"n\": 2, \"f\": 2.5, \"s\": \"y\", \"when\": \"2020-01-03 10:11:12\"}]}");
        assertThat(created.get("resource_id").asString()).isEqualTo("guess");
        assertThat(created.get("method").asString()).isEqualTo("insert");
        assertThat(created.has("records")).isFalse();

        JsonNode result = ok("datastore_search", Map.of("resource_id", "guess"));
        assertThat(result.get("fields").toString())
                .isEqualTo(
                        "[{\"id\":\"_id\",\"type\":\"int\"},{\"id\":\"n\",\"type\":\"int4\"},{\"id\":\"f\",\"type\":\"float8\"},"
                                + "{\"id\":\"s\",\"type\":\"text\"},{\"id\":\"when\",\"type\":\"timestamp\"},{\"id\":\"j\",\"type\":\"json\"}]");
        JsonNode first = result.get("records").get(0);
        assertThat(first.get("_id").asInt()).isEqualTo(1);
        assertThat(first.get("when").asString()).isEqualTo("2020-01-02T00:00:00");
        assertThat(first.get("j").get("a").asInt()).isEqualTo(1);
        assertThat(result.get("records").get(1).get("when").asString()).isEqualTo("2020-01-03T10:11:12");
        assertThat(result.get("total").asInt()).isEqualTo(2);
        assertThat(result.get("total_was_estimated").asBoolean()).isFalse();
        assertThat(result.get("limit").asInt()).isEqualTo(100);
        assertThat(result.has("offset")).isFalse();
    }

    @Test
    void searchByAliasEchoesRealIdAndSupportsArraysAndJson() {
        books("books1");
        JsonNode result = ok("datastore_search", Map.of("resource_id", "alias_books1"));
        assertThat(result.get("resource_id").asString()).isEqualTo("books1");
        JsonNode anna = result.get("records").get(0);
        assertThat(anna.get("characters").toString()).isEqualTo("[\"Princess Anna\",\"Sergius\"]");
        assertThat(anna.get("nested").toString()).isEqualTo("[\"b\",{\"moo\":\"moo\"}]");
        assertThat(anna.get("published").asString()).isEqualTo("2005-03-01T00:00:00");
        assertThat(result.get("records").get(1).get("published").isNull()).isTrue();
    }

    @Test
    void filtersMatchScalarsListsAndStringifiedTextAndRejectUnknownColumns() {
        books("books2");
        assertThat(ok("datastore_search", Map.of("resource_id", "books2", "filters", Map.of("b\u00fck", "warandpeace")))
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(ok(
                                "datastore_search",
                                Map.of(
                                        "resource_id",
                                        "books2",
                                        "filters",
                                        Map.of("b\u00fck", List.of("warandpeace", "annakarenina"))))
                        .get("total")
                        .asInt())
                .isEqualTo(2);
        assertThat(ok("datastore_search", Map.of("resource_id", "books2", "filters", Map.of("_id", 2)))
                        .get("records")
                        .get(0)
                        .get("b\u00fck")
                        .asString())
                .isEqualTo("warandpeace");
        TestServer.Response bad =
                call("datastore_search", Map.of("resource_id", "books2", "filters", Map.of("nope", 1)));
        assertThat(bad.status()).isEqualTo(409);
        assertThat(bad.error().get("filters").get(0).asString()).isEqualTo("invalid value \"nope\"");
        assertThat(bad.error().get("__type").asString()).isEqualTo("Validation Error");
    }

    @Test
    void sortFieldsLimitOffsetAndLinks() {
        books("books3");
        JsonNode r = ok(
                "datastore_search",
                Map.of(
                        "resource_id",
                        "books3",
                        "sort",
                        "b\u00fck desc",
                        "fields",
                        "b\u00fck,_id",
                        "limit",
                        1,
                        "offset",
                        1));
        assertThat(r.get("records").toString()).isEqualTo("[{\"b\u00fck\":\"annakarenina\",\"_id\":1}]");
        assertThat(r.get("offset").asInt()).isEqualTo(1);
        assertThat(r.get("sort").asString()).isEqualTo("b\u00fck desc");
        assertThat(r.get("_links").get("next").asString())
                .startsWith("/api/3/action/datastore_search?")
                .contains("resource_id=books3", "offset=2", "limit=1", "sort=b%C3%BCk+desc", "fields=b%C3%BCk%2C_id");
        TestServer.Response badSort = call("datastore_search", Map.of("resource_id", "books3", "sort", "nope asc"));
        assertThat(badSort.status()).isEqualTo(409);
        assertThat(badSort.error().get("sort").get(0).asString()).isEqualTo("invalid value \"nope asc\"");
        TestServer.Response badField = call("datastore_search", Map.of("resource_id", "books3", "fields", "nope"));
        assertThat(badField.error().get("fields").get(0).asString()).isEqualTo("invalid value \"nope\"");
    }

    @Test
    void limitIsClampedAndIncludeTotalFalseDropsTotals() {
        books("books4");
        JsonNode r = ok("datastore_search", Map.of("resource_id", "books4", "limit", 50000, "include_total", false));
        assertThat(r.get("limit").asInt()).isEqualTo(32000);
        assertThat(r.has("total")).isFalse();
        assertThat(r.has("total_was_estimated")).isFalse();
    }

    @Test
    void recordsFormatsListsCsvAndTsv() {
        books("books5");
        JsonNode lists = ok(
                "datastore_search", Map.of("resource_id", "books5", "records_format", "lists", "fields", "_id,author"));
        assertThat(lists.get("records").toString()).isEqualTo("[[1,\"tolstoy\"],[2,\"tolstoy\"]]");
        JsonNode csv = ok(
                "datastore_search",
                Map.of("resource_id", "books5", "records_format", "csv", "fields", "_id,characters"));
        assertThat(csv.get("records").asString()).isEqualTo("1,\"[\"\"Princess Anna\"\",\"\"Sergius\"\"]\"\n2,null\n");
        TestServer.Response bad = call("datastore_search", Map.of("resource_id", "books5", "records_format", "xml"));
        assertThat(bad.error().get("records_format").get(0).asString())
                .isEqualTo("Value must be one of ['objects', 'lists', 'csv', 'tsv']");
    }

    @Test
    void getWithQueryStringWorksForReads() {
        books("books6");
        TestServer.Response r = server.get("/api/3/action/datastore_search?resource_id=books6&limit=1&filters="
                + java.net.URLEncoder.encode("{\"author\":\"tolstoy\"}", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.result().get("records")).hasSize(1);
        assertThat(r.result().get("total").asInt()).isEqualTo(2);
        assertThat(r.result().get("_links").get("next").asString()).endsWith("&offset=1");
        TestServer.Response legacy = server.get("/api/action/datastore_search?id=books6");
        assertThat(legacy.status()).isEqualTo(200);
    }

    @Test
    void addingFieldsToAnExistingTableKeepsRowsAndIgnoresTypeChanges() {
        ok(
                "datastore_create",
                Map.of(
                        "resource_id",
                        "grow",
                        "fields",
                        List.of(Map.of("id", "a", "type", "int")),
                        "records",
                        List.of(Map.of("a", 1))));
        ok(
                "datastore_create",
                Map.of(
                        "resource_id", "grow",
                        "fields",
                                List.of(
                                        Map.of("id", "a", "type", "text"),
                                        Map.of("id", "b", "type", "text", "info", Map.of("label", "B"))),
                        "records", List.of(Map.of("a", 2, "b", "x"))));
        JsonNode r = ok("datastore_search", Map.of("resource_id", "grow"));
        assertThat(r.get("fields").get(1).get("type").asString()).isEqualTo("int4");
        assertThat(r.get("fields").get(2).get("info").get("label").asString()).isEqualTo("B");
        assertThat(r.get("total").asInt()).isEqualTo(2);
        assertThat(r.get("records").get(0).get("b").isNull()).isTrue();
    }

    @Test
    void createValidationErrorsNameTheField() {
        TestServer.Response badType = call(
                "datastore_create",
                Map.of("resource_id", "v1", "fields", List.of(Map.of("id", "a", "type", "INVALID"))));
        assertThat(badType.status()).isEqualTo(409);
        assertThat(badType.error().get("fields").get(0).asString()).isEqualTo("\"INVALID\" is not a valid field type");
        TestServer.Response dup = call(
                "datastore_create",
                Map.of(
                        "resource_id",
                        "v2",
                        "fields",
                        List.of(Map.of("id", "a", "type", "int"), Map.of("id", "a", "type", "int"))));
        assertThat(dup.error().get("field").get(0).asString()).isEqualTo("Duplicate column names are not supported");
        TestServer.Response noType =
                call("datastore_create", Map.of("resource_id", "v3", "fields", List.of(Map.of("id", "a"))));
        assertThat(noType.error().get("fields").get(0).asString()).isEqualTo("\"a\" type not guessable");
        TestServer.Response neither = call("datastore_create", Map.of("fields", List.of()));
        assertThat(neither.error().get("resource_id").get(0).asString()).isEqualTo("resource_id or resource required");
        TestServer.Response extra = call(
                "datastore_create",
                "{\"resource_id\": \"v4\", \"fields\": [{\"id\": \"a\", \"type\": \"int\"}],"
                        + " \"records\": [{\"a\": 1, \"b\": 2, \"_id\": 3}]}");
        assertThat(extra.error().get("records").get(0).asString()).isEqualTo("row \"1\" has extra keys \"_id\"");
        TestServer.Response badValue = call(
                "datastore_create",
                Map.of(
                        "resource_id",
                        "v5",
                        "fields",
                        List.of(Map.of("id", "a", "type", "int")),
                        "records",
                        List.of(Map.of("a", 1), Map.of("a", "notanumber"))));
        assertThat(badValue.error().get("records").get(0).asString())
                .isEqualTo("invalid input syntax for type integer: \"notanumber\"");
        assertThat(badValue.error().get("records_row").asInt()).isEqualTo(2);
        assertThat(badValue.error().get("records_field").asString()).isEqualTo("a");
        assertThat(call("datastore_search", Map.of("resource_id", "v5")).status())
                .isEqualTo(404);
    }

    @Test
    void missingTableIs404AndUnknownKeysAre409() {
        TestServer.Response missing = call("datastore_search", Map.of("resource_id", "does-not-exist"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error().get("message").asString())
                .isEqualTo("Not found: Resource \"does-not-exist\" was not found.");
        assertThat(missing.error().get("__type").asString()).isEqualTo("Not Found Error");
        books("books7");
        TestServer.Response extra = call("datastore_search", Map.of("resource_id", "books7", "foo", "bar"));
        assertThat(extra.status()).isEqualTo(409);
        assertThat(extra.error().get("__extras").get(0).asString()).isEqualTo("invalid value \"foo\"");
        TestServer.Response negative = call("datastore_search", Map.of("resource_id", "books7", "offset", -1));
        assertThat(negative.error().get("offset").get(0).asString()).isEqualTo("invalid value \"-1\"");
        TestServer.Response badLimit = call("datastore_search", Map.of("resource_id", "books7", "limit", "abc"));
        assertThat(badLimit.error().get("limit").get(0).asString()).isEqualTo("Invalid integer");
    }

    @Test
    void tableMetadataListsTablesAndAliases() {
        books("meta1");
        JsonNode r = ok(
                "datastore_search", Map.of("resource_id", "_table_metadata", "filters", Map.of("name", "alias_meta1")));
        assertThat(r.get("records")).hasSize(1);
        assertThat(r.get("records").get(0).get("alias_of").asString()).isEqualTo("meta1");
        assertThat(r.get("fields").findValuesAsString("id")).containsExactly("_id", "name", "oid", "alias_of");
    }

    @Test
    void totalIsTheSameWhetherThePageHoldsEveryMatchOrNot() {
        books("total1");
        Map<String, Object> filter = Map.of("author", "tolstoy");
        assertThat(ok("datastore_search", Map.of("resource_id", "total1", "filters", filter, "limit", 10))
                        .get("total")
                        .asInt())
                .isEqualTo(2);
        assertThat(ok("datastore_search", Map.of("resource_id", "total1", "filters", filter, "limit", 1))
                        .get("total")
                        .asInt())
                .isEqualTo(2);
        assertThat(ok("datastore_search", Map.of("resource_id", "total1", "filters", filter, "offset", 1))
                        .get("total")
                        .asInt())
                .isEqualTo(2);
        assertThat(ok("datastore_search", Map.of("resource_id", "total1", "filters", Map.of("author", "nobody")))
                        .get("total")
                        .asInt())
                .isZero();
    }
}
