package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WriteApiTest extends ApiTestSupport {

    private static void keyed(String id) {
        ok(
                "datastore_create",
                Map.of(
                        "resource_id",
                        id,
                        "fields",
                        List.of(
                                Map.of("id", "id", "type", "text"),
                                Map.of("id", "name", "type", "text"),
                                Map.of("id", "n", "type", "int")),
                        "primary_key",
                        "id",
                        "records",
                        List.of(
                                Map.of("id", "a", "name", "Anna", "n", 1),
                                Map.of("id", "b", "name", "Boris", "n", 2))));
    }

    private static JsonNode rows(String id) {
        return ok("datastore_search", Map.of("resource_id", id, "sort", "_id")).get("records");
    }

    @Test
    void upsertUpdatesMatchesKeepsOtherColumnsAndInsertsTheRest() {
        keyed("up1");
        ok(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        "up1",
                        "records",
                        List.of(Map.of("id", "a", "n", 10), Map.of("id", "c", "name", "Cyril"))));
        JsonNode rows = rows("up1");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("Anna");
        assertThat(rows.get(0).get("n").asInt()).isEqualTo(10);
        assertThat(rows.get(2).get("_id").asInt()).isEqualTo(3);
        assertThat(rows.get(2).get("n").isNull()).isTrue();
    }

    @Test
    void upsertWithRepeatedKeyInOneBatchAppliesInOrder() {
        keyed("up2");
        ok(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        "up2",
                        "records",
                        List.of(
                                Map.of("id", "z", "n", 1),
                                Map.of("id", "z", "n", 2),
                                Map.of("id", "z", "name", "Zed"))));
        JsonNode rows = rows("up2");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).get("n").asInt()).isEqualTo(2);
        assertThat(rows.get(2).get("name").asString()).isEqualTo("Zed");
    }

    @Test
    void updateOfMissingKeyIs409AndChangesNothing() {
        keyed("up3");
        TestServer.Response r = call(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        "up3",
                        "method",
                        "update",
                        "records",
                        List.of(Map.of("id", "a", "n", 5), Map.of("id", "nope", "n", 6))));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("key").get(0).asString()).isEqualTo("key \"{'id': 'nope'}\" not found");
        assertThat(rows("up3").get(0).get("n").asInt()).isEqualTo(1);
    }

    @Test
    void updateByIdWorksEvenWithAPrimaryKey() {
        keyed("up4");
        ok(
                "datastore_upsert",
                Map.of("resource_id", "up4", "method", "update", "records", List.of(Map.of("_id", 2, "name", "Bob"))));
        assertThat(rows("up4").get(1).get("name").asString()).isEqualTo("Bob");
    }

    @Test
    void insertOfDuplicateKeyFailsAtomically() {
        keyed("up5");
        TestServer.Response r = call(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        "up5",
                        "method",
                        "insert",
                        "records",
                        List.of(Map.of("id", "new"), Map.of("id", "a"))));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records").get(0).asString())
                .contains("duplicate key value violates unique constraint");
        assertThat(rows("up5")).hasSize(2);
    }

    @Test
    void aBadValueInABatchWritesNothing() {
        keyed("up6");
        TestServer.Response r = call(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        "up6",
                        "records",
                        List.of(Map.of("id", "x", "n", 1), Map.of("id", "y", "n", "many"))));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records_row").asInt()).isEqualTo(2);
        assertThat(r.error().get("records_field").asString()).isEqualTo("n");
        assertThat(rows("up6")).hasSize(2);
    }

    @Test
    void upsertErrorsFollowCkan() {
        ok("datastore_create", Map.of("resource_id", "up7", "fields", List.of(Map.of("id", "a", "type", "int"))));
        assertThat(call("datastore_upsert", Map.of("resource_id", "up7", "records", List.of(Map.of("a", 1))))
                        .error()
                        .get("table")
                        .get(0)
                        .asString())
                .isEqualTo("unique key must be passed for update/upsert");
        assertThat(call(
                                "datastore_upsert",
                                Map.of("resource_id", "up7", "method", "insert", "records", List.of(Map.of("b", 1))))
                        .error()
                        .get("records")
                        .get(0)
                        .asString())
                .isEqualTo("row \"1\" has extra keys \"b\"");
        assertThat(call("datastore_upsert", Map.of("resource_id", "up7", "method", "merge"))
                        .error()
                        .get("method")
                        .get(0)
                        .asString())
                .isEqualTo("Value must be one of ['upsert', 'insert', 'update']");
        assertThat(call("datastore_upsert", Map.of("resource_id", "nope", "records", List.of()))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void writesThroughAnAliasAre404() {
        books("aliased");
        assertThat(call(
                                "datastore_upsert",
                                Map.of("resource_id", "alias_aliased", "method", "insert", "records", List.of()))
                        .status())
                .isEqualTo(404);
        assertThat(call("datastore_delete", Map.of("resource_id", "alias_aliased"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void deleteWithFiltersRemovesRowsAndWithoutDropsTheTableAndAliases() {
        books("del1");
        JsonNode r =
                ok("datastore_delete", Map.of("resource_id", "del1", "filters", Map.of("b\u00fck", "annakarenina")));
        assertThat(r.get("filters").get("b\u00fck").asString()).isEqualTo("annakarenina");
        assertThat(ok("datastore_search", Map.of("resource_id", "del1"))
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        ok("datastore_delete", Map.of("resource_id", "del1", "filters", Map.of()));
        assertThat(ok("datastore_search", Map.of("resource_id", "del1"))
                        .get("total")
                        .asInt())
                .isZero();
        ok("datastore_delete", Map.of("resource_id", "del1"));
        assertThat(call("datastore_search", Map.of("resource_id", "del1")).status())
                .isEqualTo(404);
        assertThat(call("datastore_search", Map.of("resource_id", "alias_del1")).status())
                .isEqualTo(404);
    }

    @Test
    void recordsDeleteNeedsFilters() {
        books("del2");
        assertThat(call("datastore_records_delete", Map.of("resource_id", "del2"))
                        .error()
                        .get("filters")
                        .get(0)
                        .asString())
                .isEqualTo("Missing value");
        assertThat(call("datastore_records_delete", Map.of("resource_id", "del2", "filters", "x"))
                        .error()
                        .get("filters")
                        .get(0)
                        .asString())
                .isEqualTo("Must be a dict");
        ok("datastore_records_delete", Map.of("resource_id", "del2", "filters", Map.of()));
        assertThat(ok("datastore_search", Map.of("resource_id", "del2"))
                        .get("total")
                        .asInt())
                .isZero();
    }

    @Test
    void primaryKeyIndexesAndAliasesAreReplacedAndReported() {
        keyed("pk1");
        ok(
                "datastore_create",
                Map.of("resource_id", "pk1", "primary_key", "", "indexes", "name", "aliases", List.of("pk_alias")));
        JsonNode info = ok("datastore_info", Map.of("id", "pk1"));
        assertThat(info.get("meta").get("aliases").toString()).isEqualTo("[\"pk_alias\"]");
        assertThat(info.get("meta").get("count").asInt()).isEqualTo(2);
        assertThat(info.get("fields").get(1).get("schema").get("is_index").asBoolean())
                .isTrue();
        assertThat(info.get("fields").get(0).get("schema").get("is_index").asBoolean())
                .isFalse();
        // without a primary key, upsert needs _id
        assertThat(call("datastore_upsert", Map.of("resource_id", "pk1", "records", List.of(Map.of("id", "a"))))
                        .status())
                .isEqualTo(409);
        TestServer.Response taken =
                call("datastore_create", Map.of("resource_id", "other", "aliases", "pk_alias", "fields", List.of()));
        assertThat(taken.error().get("alias").get(0).asString()).isEqualTo("The alias \"pk_alias\" already exists.");
    }

    @Test
    void deleteFieldsDropsUnlistedColumns() {
        keyed("df1");
        ok(
                "datastore_create",
                Map.of(
                        "resource_id",
                        "df1",
                        "delete_fields",
                        true,
                        "fields",
                        List.of(Map.of("id", "id"), Map.of("id", "n"))));
        JsonNode r = ok("datastore_search", Map.of("resource_id", "df1"));
        assertThat(r.get("fields").findValuesAsString("id")).containsExactly("_id", "id", "n");
        assertThat(r.get("total").asInt()).isEqualTo(2);
    }
}
