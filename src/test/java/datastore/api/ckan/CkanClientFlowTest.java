package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests the way real CKAN clients send them (DataPusher/xloader loading, DataTables view and ckanapi paging),
 * checked against contract §3: every parameter they send must be accepted and behave as in CKAN.
 */
class CkanClientFlowTest extends CkanSupport {

    @Test
    void datapusherStyleLoadInChunks() {
        String id = newId();
        // DataPusher deletes first and ignores the 404
        assertThat(post("datastore_delete", fmt("{\"resource_id\": \"%s\", \"force\": true}", id))
                        .status())
                .isEqualTo(404);
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, "calculate_record_count": false,
                 "fields": [{"id": "name", "type": "text"}, {"id": "age", "type": "numeric"},
                            {"id": "born", "type": "timestamp"}],
                 "records": [{"name": "Sunita", "age": "51", "born": "1970-01-02"}]}
                """, id));
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, "calculate_record_count": true,
                 "records": [{"name": "Bowan", "age": "68", "born": "1953-05-06 10:00:00"}]}
                """, id));
        JsonNode s = search(id);
        assertThat(s.get("total").asInt()).isEqualTo(2);
        assertThat(s.get("records").get(1))
                .isEqualTo(json("{\"_id\": 2, \"name\": \"Bowan\", \"age\": 68, \"born\": \"1953-05-06T10:00:00\"}"));
        assertThat(ok("datastore_info", fmt("{\"id\": \"%s\"}", id))
                        .get("meta")
                        .get("count")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void writeParamsCkanClientsSendAreAccepted() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, "primary_key": "k", "fields": [{"id": "k", "type": "text"}]}""", id));
        ok("datastore_upsert", fmt("""
                {"resource_id": "%s", "force": true, "calculate_record_count": true, "dry_run": false,
                 "method": "upsert", "records": [{"k": "a"}, {"k": "b"}]}""", id));
        ok("datastore_delete", fmt("""
                {"resource_id": "%s", "force": true, "calculate_record_count": true, "filters": {"k": "a"}}""", id));
        ok("datastore_records_delete", fmt("""
                {"resource_id": "%s", "force": true, "calculate_record_count": true, "filters": {"k": "b"}}""", id));
        assertThat(search(id).get("total").asInt()).isZero();
    }

    @Test
    void createWithoutFieldsOrRecordsMakesAnIdOnlyTable() {
        String id = newId();
        ok("datastore_create", fmt("{\"resource_id\": \"%s\"}", id));
        JsonNode s = search(id);
        assertThat(s.get("fields")).isEqualTo(json("[{\"id\": \"_id\", \"type\": \"int\"}]"));
        assertThat(s.get("total").asInt()).isZero();
    }

    @Test
    void followingLinksNextOverGetPagesThroughEveryRow() {
        String id = newId();
        StringBuilder recs = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            recs.append(i == 0 ? "" : ",").append("{\"n\": ").append(i).append('}');
        }
        ok("datastore_create", fmt("{\"resource_id\": \"%s\", \"records\": %s]}", id, recs));
        List<Integer> seen = new ArrayList<>();
        String next = "/api/3/action/datastore_search?resource_id=" + id + "&limit=10";
        for (int page = 0; page < 5; page++) {
            TestServer.Response r = server.get(next);
            assertThat(r.status()).as(next).isEqualTo(200);
            JsonNode records = r.result().get("records");
            if (records.isEmpty()) {
                break;
            }
            records.forEach(rec -> seen.add(rec.get("n").asInt()));
            next = r.result().get("_links").get("next").asString();
        }
        assertThat(seen).hasSize(25);
        assertThat(seen.get(24)).isEqualTo(24);
    }

    @Test
    void dataTablesViewStyleSearch() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "records": [{"Country Name": "Germany", "Year": 2010, "Value": 1.5},
                             {"Country Name": "United Kingdom", "Year": 2011, "Value": 2.5},
                             {"Country Name": "Germany", "Year": 2012, "Value": 3.5}]}""", id));
        JsonNode r = ok("datastore_search", fmt("""
                {"resource_id": "%s", "q": "germany", "filters": {"Year": ["2010", "2012"]},
                 "sort": "\\"Year\\" desc", "offset": 0, "limit": 10, "include_total": true,
                 "total_estimation_threshold": 1000}""", id));
        assertThat(r.get("total").asInt()).isEqualTo(2);
        assertThat(r.get("records").get(0).get("Year").asInt()).isEqualTo(2012);
        assertThat(r.get("records").get(0).has("rank")).isTrue();
        assertThat(r.get("total_estimation_threshold").asInt()).isEqualTo(1000);
    }

    @Test
    void fullTextWithJsonObjectQOverGet() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "records": [{"city": "Paris"}, {"city": "Berlin"}]}""", id));
        String q = java.net.URLEncoder.encode("{\"city\": \"berlin\"}", java.nio.charset.StandardCharsets.UTF_8);
        TestServer.Response r = server.get("/api/3/action/datastore_search?resource_id=" + id + "&q=" + q);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.result().get("total").asInt()).isEqualTo(1);
        assertThat(r.result().get("records").get(0).has("rank city")).isTrue();
    }
}
