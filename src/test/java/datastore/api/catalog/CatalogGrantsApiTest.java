package datastore.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog in token mode: per-app read / write / admin grants on real tokens. */
class CatalogGrantsApiTest {
    private static TestServer server;
    private static CatalogCalls anonymous;
    private static CatalogCalls admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        anonymous = new CatalogCalls(server);
        admin = anonymous.as(server.adminToken().orElseThrow());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String app(String slug) {
        TestServer.Response r = admin.post("/api/apps/", Map.of("name", slug, "slug", slug));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return slug;
    }

    private static CatalogCalls token(Map<String, Object> restrictions) {
        TestServer.Response r = server.action(
                "datastore_token_create",
                Map.of("actor", "loader", "restrictions", restrictions),
                Map.of("Authorization", server.adminToken().orElseThrow()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return anonymous.as(r.result().get("token").asString());
    }

    private static Map<String, Object> source() {
        return Map.of("name", "s", "provider_type", "jsonb");
    }

    @Test
    void anonymousCallersMayReadButNotWrite() {
        String a = app("anon-app");
        assertThat(anonymous.get("/api/apps/" + a + "/").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/apps/").status()).isEqualTo(200);
        TestServer.Response write = anonymous.post("/api/apps/" + a + "/datasources/", source());
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("error").get("code").asString()).isEqualTo("forbidden");
        assertThat(anonymous.post("/api/apps/", Map.of("name", "mine")).status())
                .isEqualTo(403);
    }

    @Test
    void aWriteGrantOnOneAppWritesThereOnly() {
        String mine = app("grant-mine");
        String other = app("grant-other");
        CatalogCalls writer = token(Map.of("apps", Map.of(mine, List.of("write"))));
        assertThat(writer.post(
                                "/api/apps/" + mine + "/datasources/",
                                Map.of("name", "s", "slug", "mine-s", "provider_type", "jsonb"))
                        .status())
                .isEqualTo(201);
        TestServer.Response refused = writer.post("/api/apps/" + other + "/datasources/", source());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").get("message").asString()).contains("app " + other);
        assertThat(writer.post("/api/apps/", Map.of("name", "new")).status()).isEqualTo(403);
        assertThat(writer.delete("/api/apps/" + mine + "/datasources/mine-s/?purge=true")
                        .status())
                .isEqualTo(403);
        assertThat(writer.delete("/api/apps/" + mine + "/datasources/mine-s/").status())
                .isEqualTo(204);
    }

    @Test
    void aReadGrantMayNotWriteAndAnAdminGrantMayPurge() {
        String a = app("grant-admin");
        CatalogCalls reader = token(Map.of("apps", Map.of(a, List.of("read"))));
        assertThat(reader.get("/api/apps/" + a + "/").status()).isEqualTo(200);
        assertThat(reader.patch("/api/apps/" + a + "/", Map.of("description", "x"))
                        .status())
                .isEqualTo(403);
        CatalogCalls owner = token(Map.of("apps", Map.of(a, List.of("admin"))));
        assertThat(owner.patch("/api/apps/" + a + "/", Map.of("description", "x"))
                        .status())
                .isEqualTo(200);
        TestServer.Response purged = owner.post("/api/apps/" + a + "/purge/", "");
        assertThat(purged.status()).as(purged.body()).isEqualTo(204);
        assertThat(admin.get("/api/apps/" + a + "/").status()).isEqualTo(404);
    }

    @Test
    void anUnknownGrantIsRefusedWhenTheTokenIsMinted() {
        TestServer.Response r = server.action(
                "datastore_token_create",
                Map.of("restrictions", Map.of("apps", Map.of("x", List.of("own")))),
                Map.of("Authorization", server.adminToken().orElseThrow()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body()).contains("own").contains("read, write, admin");
    }
}
