package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.CkanStandIn;
import datastore.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CKAN's catalog answered by the service itself when no CKAN_URL is set, and absent when one is. */
class CkanCatalogStandaloneTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void licenseListIsCkansDefaultRegister() {
        TestServer.Response r = server.get("/api/3/action/license_list");
        assertThat(r.status()).isEqualTo(200);
        JsonNode list = r.json().get("result");
        assertThat(list).hasSize(15);
        assertThat(list.get(1).get("id").asString()).isEqualTo("odc-pddl");
        assertThat(list.get(1).get("title").asString())
                .isEqualTo("Open Data Commons Public Domain Dedication and License (PDDL)");
    }

    @Test
    void statusShowNamesTheSiteAndTheDatastoreExtension() {
        JsonNode s = server.action("status_show", Map.of()).json().get("result");
        assertThat(s.get("ckan_version").asString()).startsWith("2.11.");
        assertThat(s.get("site_url").asString()).isEqualTo(server.url(""));
        assertThat(s.get("extensions").toString()).contains("\"datastore\"");
    }

    @Test
    void restLicencesAnswerOnBothPaths() {
        for (String path : new String[] {"/api/rest/license", "/api/rest/licenses"}) {
            TestServer.Response list = server.get(path);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("license-list")).hasSize(15);
            TestServer.Response one = server.get(path + "/cc-by");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().get("license").get("title").asString()).isEqualTo("Creative Commons Attribution");
            TestServer.Response missing = server.get(path + "/no-such-licence");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("error").get("__type").asString()).isEqualTo("Not Found Error");
        }
    }

    @Test
    void restLicencesCannotBeWritten() {
        TestServer.Response r = server.post("/api/rest/license", "{}", Map.of());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.headers().get("Allow")).isNotNull();
    }

    @Test
    void behindCkanTheCatalogIsCkansAndNotServedHere() {
        try (CkanStandIn ckan = CkanStandIn.start();
                TestServer s = TestServer.start(Map.of("AUTH_ENABLED", "true", "CKAN_URL", ckan.url()))) {
            TestServer.Response r = s.get("/api/3/action/license_list");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("Action name not known: license_list");
            assertThat(s.get("/api/rest/license").status()).isEqualTo(404);
        }
    }
}
