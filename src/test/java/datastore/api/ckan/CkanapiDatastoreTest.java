package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.PythonClient;
import datastore.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CKAN's own Python client (the vendored ckanapi) against the running service's DataStore actions. */
class CkanapiDatastoreTest {
    private static TestServer server;
    private static PythonClient python;

    @BeforeAll
    static void start() {
        python = PythonClient.find();
        server = TestServer.open();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ckanapiCreatesATableAndSearchesIt() {
        JsonNode out = python.run(server, null, """
                        import json, os
                        from ckanapi import RemoteCKAN
                        ckan = RemoteCKAN(os.environ["CKAN_URL"], apikey=os.environ["CKAN_APIKEY"] or None)
                        ckan.action.datastore_create(resource_id="ckanapi_books", primary_key="id",
                            fields=[{"id": "id", "type": "int"}, {"id": "title", "type": "text"}],
                            records=[{"id": 1, "title": "War and Peace"}, {"id": 2, "title": "Emma"}])
                        found = ckan.action.datastore_search(resource_id="ckanapi_books", sort="id desc")
                        print(json.dumps({"total": found["total"], "titles": [r["title"] for r in found["records"]]}))
                        """).json();
        assertThat(out.get("total").asInt()).isEqualTo(2);
        assertThat(out.get("titles").toString()).isEqualTo("[\"Emma\",\"War and Peace\"]");
    }

    @Test
    void ckanapiRaisesNotFoundAndValidationErrorAsCkanWould() {
        JsonNode out = python.run(server, null, """
                        import json, os
                        from ckanapi import RemoteCKAN, NotFound, ValidationError
                        ckan = RemoteCKAN(os.environ["CKAN_URL"])
                        result = {}
                        try:
                            ckan.action.datastore_search(resource_id="ckanapi_no_such_table")
                        except NotFound as e:
                            result["not_found"] = str(e)
                        try:
                            ckan.action.datastore_search(resource_id="ckanapi_x", limit="many")
                        except ValidationError as e:
                            result["invalid"] = sorted(k for k in e.error_dict if k != "__type")
                        print(json.dumps(result))
                        """).json();
        assertThat(out.get("not_found").asString()).contains("ckanapi_no_such_table");
        assertThat(out.get("invalid").toString()).isEqualTo("[\"limit\"]");
    }
}
