package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.PythonClient;
import datastore.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CKAN's own Python client (the vendored ckanapi) against the standalone catalog: an organization, a
 * dataset and a resource, its datastore table filled and read back, and CKAN's errors as ckanapi's
 * exceptions. The README's "CKAN catalog API (standalone)" snippet is the first script here.
 */
class CkanapiCatalogTest {
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
    void ckanapiCreatesAnOrganizationDatasetAndResourceAndFillsItsTable() {
        JsonNode out = python.run(server, null, """
                        import json, os
                        from ckanapi import RemoteCKAN
                        ckan = RemoteCKAN(os.environ["CKAN_URL"], apikey=os.environ["CKAN_APIKEY"] or None)

                        ckan.action.organization_create(name="city-stats", title="City statistics")
                        ckan.action.package_create(name="bike-counts", title="Bike counts",
                            owner_org="city-stats", license_id="cc-by", tags=[{"name": "transport"}])
                        res = ckan.action.resource_create(package_id="bike-counts", name="daily", format="CSV")
                        ckan.action.datastore_create(resource_id=res["id"], primary_key="day",
                            fields=[{"id": "day", "type": "date"}, {"id": "bikes", "type": "int"}],
                            records=[{"day": "2026-01-01", "bikes": 120}, {"day": "2026-01-02", "bikes": 95}])
                        found = ckan.action.datastore_search(resource_id=res["id"], sort="day")
                        pkg = ckan.action.package_show(id="bike-counts")

                        print(json.dumps({"bikes": [r["bikes"] for r in found["records"]],
                            "resources": [(r["id"], r["name"], r["datastore_active"]) for r in pkg["resources"]],
                            "organization": pkg["organization"]["name"], "license": pkg["license_title"],
                            "res_id": res["id"], "search": ckan.action.package_search(q="bike")["count"],
                            "tags": ckan.action.tag_list(), "packages": ckan.action.package_list()}))
                        """).json();
        assertThat(out.get("bikes").toString()).isEqualTo("[120,95]");
        String resId = out.get("res_id").asString();
        assertThat(out.get("resources").toString()).isEqualTo("[[\"" + resId + "\",\"daily\",true]]");
        assertThat(out.get("organization").asString()).isEqualTo("city-stats");
        assertThat(out.get("license").asString()).isEqualTo("Creative Commons Attribution");
        assertThat(out.get("search").asInt()).isEqualTo(1);
        assertThat(out.get("tags").toString()).isEqualTo("[\"transport\"]");
        assertThat(out.get("packages").toString()).contains("\"bike-counts\"");
    }

    @Test
    void datastoreCreateWithAResourceDictAddsTheResourceToThePackage() {
        JsonNode out = python.run(server, null, """
                        import json, os
                        from ckanapi import RemoteCKAN
                        ckan = RemoteCKAN(os.environ["CKAN_URL"])
                        ckan.action.package_create(name="rain-gauges")
                        made = ckan.action.datastore_create(resource={"package_id": "rain-gauges", "name": "mm"},
                            fields=[{"id": "mm", "type": "float"}], records=[{"mm": 1.5}])
                        pkg = ckan.action.package_show(id="rain-gauges")
                        print(json.dumps({"made": made["resource_id"],
                            "listed": [r["id"] for r in pkg["resources"]],
                            "organization": pkg["organization"]["name"],
                            "total": ckan.action.datastore_search(resource_id=made["resource_id"])["total"]}))
                        """).json();
        assertThat(out.get("listed").toString())
                .isEqualTo("[\"" + out.get("made").asString() + "\"]");
        assertThat(out.get("organization").asString())
                .as("no owner_org: the default app")
                .isEqualTo("default");
        assertThat(out.get("total").asInt()).isEqualTo(1);
    }

    @Test
    void ckanapiSeesCkansErrorsAsItsExceptions() {
        JsonNode out = python.run(server, null, """
                        import json, os
                        from ckanapi import RemoteCKAN, NotFound, ValidationError
                        ckan = RemoteCKAN(os.environ["CKAN_URL"])
                        result = {}
                        ckan.action.package_create(name="twice")
                        try:
                            ckan.action.package_create(name="twice")
                        except ValidationError as e:
                            result["duplicate"] = e.error_dict["name"]
                        try:
                            ckan.action.package_create(name="Not A Name")
                        except ValidationError as e:
                            result["invalid"] = e.error_dict["name"]
                        try:
                            ckan.action.package_show(id="no-such-dataset")
                        except NotFound as e:
                            result["not_found"] = str(e)
                        try:
                            ckan.action.resource_create(package_id="no-such-dataset", name="r")
                        except NotFound as e:
                            result["resource_not_found"] = str(e)
                        print(json.dumps(result))
                        """).json();
        assertThat(out.get("duplicate").toString()).isEqualTo("[\"That URL is already in use.\"]");
        assertThat(out.get("invalid").toString())
                .isEqualTo("[\"Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_\"]");
        assertThat(out.get("not_found").asString()).contains("Package was not found.");
        assertThat(out.get("resource_not_found").asString()).contains("Package was not found.");
    }
}
