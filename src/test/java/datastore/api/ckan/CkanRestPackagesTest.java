package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The CKAN REST design's package and tag resources over the standalone catalog. */
class CkanRestPackagesTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response send(String method, String path, String body) {
        return server.send(
                method,
                path,
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));
    }

    @Test
    void packageLifecycleWithTheRestDesignsStatuses() {
        TestServer.Response created = send("POST", "/api/rest/package", """
                {"package": {"name": "rest-gdp", "title": "GDP", "url": "http://gdp", "download_url": "http://gdp/a.csv",
                 "licences": ["odc-by"], "tags": "economy money", "notes": "yearly"}}""");
        assertThat(created.status()).isEqualTo(201);
        JsonNode pkg = created.json().get("package");
        assertThat(pkg.get("tags").asString()).isEqualTo("economy money");
        assertThat(pkg.get("organization").asString())
                .as("no organization: the default app")
                .isEqualTo("default");
        String id = pkg.get("id").asString();

        assertThat(send("POST", "/api/rest/package", "{\"package\": {\"name\": \"rest-gdp\"}}")
                        .status())
                .isEqualTo(409);
        TestServer.Response bad = send("POST", "/api/rest/package", "{\"package\": {\"name\": \"Bad Name\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").has("name")).isTrue();

        assertThat(server.get("/api/rest/package").json().get("package-list").toString())
                .contains("\"rest-gdp\"");
        assertThat(server.get("/api/rest/package/rest-gdp")
                        .json()
                        .get("package")
                        .get("licences")
                        .toString())
                .isEqualTo("[\"odc-by\"]");
        TestServer.Response byId = server.get("/api/rest/package/" + id);
        assertThat(byId.status()).isEqualTo(301);
        assertThat(byId.headers().get("Location")).containsExactly("/api/rest/package/rest-gdp");
        assertThat(server.get("/api/rest/package/no-such").status()).isEqualTo(404);

        TestServer.Response updated = send(
                "PUT",
                "/api/rest/package/rest-gdp",
                "{\"package\": {\"name\": \"rest-gdp\", \"notes\": \"monthly\", \"tags\": \"economy\"}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("package").get("notes").asString()).isEqualTo("monthly");
        assertThat(updated.json().get("package").get("title").asString())
                .as("title kept")
                .isEqualTo("GDP");
        TestServer.Response renamed = send("PUT", "/api/rest/package/rest-gdp", "{\"package\": {\"name\": \"other\"}}");
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(server.get("/api/rest/package/rest-gdp")
                        .json()
                        .get("package")
                        .get("name")
                        .asString())
                .isEqualTo("rest-gdp");

        assertThat(server.get("/api/rest/tag/economy")
                        .json()
                        .get("tag")
                        .get("packages")
                        .toString())
                .contains("\"rest-gdp\"");
        assertThat(server.get("/api/rest/tags").json().get("tag-list").toString())
                .contains("\"economy\"");

        assertThat(send("DELETE", "/api/rest/package/rest-gdp", null).status()).isEqualTo(204);
        assertThat(server.get("/api/rest/package/rest-gdp").status()).isEqualTo(410);
        assertThat(server.get("/api/rest/package").json().get("package-list").toString())
                .doesNotContain("rest-gdp");
    }
}
