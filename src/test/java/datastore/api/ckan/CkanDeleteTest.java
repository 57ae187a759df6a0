package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CKAN 2.11 {@code ckanext/datastore/tests/test_delete.py} (datastore_delete, datastore_records_delete). */
class CkanDeleteTest extends CkanSupport {

    /** The book/author/"rating with %" table with alias bük2-like alias that test_delete.py uses. */
    private static String books(String alias) {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "aliases": "%s",
                 "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"},
                            {"id": "rating with %%", "type": "text"}],
                 "records": [{"book": "annakarenina", "author": "tolstoy", "rating with %%": "90%%"},
                             {"book": "warandpeace", "author": "tolstoy", "rating with %%": "42%%"}]}
                """, id, alias));
        return id;
    }

    private static String uniqueAlias() {
        return "b\u00fck2_" + newId().substring(0, 8);
    }

    @Test
    void deleteWithoutFiltersDropsTableAndAlias() {
        String alias = uniqueAlias();
        String id = books(alias);
        JsonNode result = ok("datastore_delete", fmt("{\"resource_id\": \"%s\"}", id));
        assertThat(result).isEqualTo(json(fmt("{\"resource_id\": \"%s\"}", id)));
        assertThat(post("datastore_search", fmt("{\"resource_id\": \"%s\"}", id))
                        .status())
                .isEqualTo(404);
        assertThat(post("datastore_search", fmt("{\"resource_id\": \"%s\"}", alias))
                        .status())
                .isEqualTo(404);
        assertThat(post("datastore_info", fmt("{\"id\": \"%s\"}", id)).status()).isEqualTo(404);
    }

    @Test
    void recordsDeleteWithEmptyFiltersKeepsTableAndAlias() {
        String alias = uniqueAlias();
        String id = books(alias);
        ok("datastore_records_delete", fmt("{\"resource_id\": \"%s\", \"filters\": {}}", id));
        JsonNode viaAlias = ok("datastore_search", fmt("{\"resource_id\": \"%s\"}", alias));
        assertThat(viaAlias.get("total").asInt()).isZero();
        assertThat(viaAlias.get("resource_id").asString()).isEqualTo(id);
        assertThat(search(id).get("records")).isEqualTo(json("[]"));
    }

    @Test
    void recordsDeleteRequiresFiltersAsADict() {
        String id = books(uniqueAlias());
        TestServer.Response missing =
                post("datastore_records_delete", fmt("{\"resource_id\": \"%s\", \"force\": true}", id));
        assertThat(missing.status()).isEqualTo(409);
        assertThat(missing.error())
                .isEqualTo(json("{\"filters\": [\"Missing value\"], \"__type\": \"Validation Error\"}"));
        TestServer.Response notDict = post(
                "datastore_records_delete",
                fmt("{\"resource_id\": \"%s\", \"force\": true, \"filters\": \"error here\"}", id));
        assertThat(notDict.status()).isEqualTo(409);
        assertThat(notDict.error())
                .isEqualTo(json("{\"filters\": [\"Must be a dict\"], \"__type\": \"Validation Error\"}"));
        assertThat(search(id).get("total").asInt()).isEqualTo(2);
    }

    @Test
    void recordsDeleteOnTextColumnMatchesIntAndStringFilters() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, "fields": [{"id": "text_field", "type": "text"}],
                 "records": [{"text_field": 25}, {"text_field": 37}]}
                """, id));
        ok("datastore_records_delete", fmt("""
                {"resource_id": "%s", "force": true, "filters": {"text_field": 25}}""", id));
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"include_total\": true}", id))
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        ok("datastore_records_delete", fmt("""
                {"resource_id": "%s", "force": true, "filters": {"text_field": "37"}}""", id));
        assertThat(search(id).get("total").asInt()).isZero();
    }

    @Test
    void deleteOfUnknownResourceIs404() {
        TestServer.Response r = post("datastore_delete", "{\"resource_id\": \"bad\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.error().get("__type").asString()).isEqualTo("Not Found Error");
        assertThat(r.error().get("message").asString()).isEqualTo("Not found: Resource \"bad\" was not found.");
    }

    @Test
    void deleteWithFiltersRemovesOnlyMatchingRowsAndEchoesFilters() {
        String id = books(uniqueAlias());
        JsonNode result = ok("datastore_delete", fmt("""
                {"resource_id": "%s", "filters": {"book": "warandpeace"}}""", id));
        assertThat(result).isEqualTo(json(fmt("""
                {"resource_id": "%s", "filters": {"book": "warandpeace"}}""", id)));
        JsonNode recs = search(id).get("records");
        assertThat(recs).hasSize(1);
        assertThat(recs.get(0).get("book").asString()).isEqualTo("annakarenina");

        ok("datastore_delete", fmt("""
                {"resource_id": "%s", "filters": {"book": "annakarenina", "author": "bad"}}""", id));
        assertThat(search(id).get("records")).hasSize(1);

        ok("datastore_delete", fmt("""
                {"id": "%s", "filters": {"book": "annakarenina", "author": "tolstoy"}}""", id));
        assertThat(search(id).get("records")).isEmpty();

        assertThat(ok("datastore_delete", fmt("{\"resource_id\": \"%s\"}", id)))
                .isEqualTo(json(fmt("{\"resource_id\": \"%s\"}", id)));
    }

    @Test
    void deleteWithUnknownFilterColumnIs409OnFilters() {
        String id = books(uniqueAlias());
        TestServer.Response r = post("datastore_delete", fmt("""
                {"resource_id": "%s", "filters": {"invalid-column-name": "value"}}""", id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.error().get("filters").get(0).asString()).isEqualTo("invalid value \"invalid-column-name\"");
        assertThat(search(id).get("total").asInt()).isEqualTo(2);
    }

    @Test
    void deleteWithFiltersAsListIs409OnFilters() {
        String id = books(uniqueAlias());
        TestServer.Response r = post("datastore_delete", fmt("{\"resource_id\": \"%s\", \"filters\": []}", id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("filters").get(0).asString()).isEqualTo("filters must be either a dict or null.");
        assertThat(search(id).get("total").asInt()).isEqualTo(2);
    }

    @Test
    void deleteWithBlankFiltersEmptiesTheTable() {
        String id = books(uniqueAlias());
        TestServer.Response r = post("datastore_delete", fmt("{\"resource_id\": \"%s\", \"filters\": {}}", id));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(search(id).get("records")).isEmpty();
    }

    @Test
    void deleteWithNullFiltersDropsTheTable() {
        String id = books(uniqueAlias());
        ok("datastore_delete", fmt("{\"resource_id\": \"%s\", \"filters\": null}", id));
        assertThat(post("datastore_search", fmt("{\"resource_id\": \"%s\"}", id))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void deleteWithoutResourceIdIs409MissingValue() {
        TestServer.Response r = post("datastore_delete", "{}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("resource_id").get(0).asString()).isEqualTo("Missing value");
    }

    @Test
    void deleteResultDropsForce() {
        String id = books(uniqueAlias());
        JsonNode result = ok("datastore_delete", fmt("""
                {"resource_id": "%s", "force": true, "filters": {"book": "warandpeace"}}""", id));
        assertThat(result.has("force")).isFalse();
        assertThat(result.get("resource_id").asString()).isEqualTo(id);
    }

    @Test
    void deleteFilterWithListValueMeansIn() {
        String id = books(uniqueAlias());
        ok("datastore_delete", fmt("""
                {"resource_id": "%s", "filters": {"book": ["warandpeace", "annakarenina", "x"]}}""", id));
        assertThat(search(id).get("total").asInt()).isZero();
    }
}
