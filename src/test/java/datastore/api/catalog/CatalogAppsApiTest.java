package datastore.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The catalog's apps and data sources over HTTP, on the engine the test run selects. */
class CatalogAppsApiTest {
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

    private static String unique(String prefix) {
        return prefix + " " + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAnAppWithADerivedSlugAndShowsIt() {
        String name = unique("Café Öl");
        TestServer.Response r = api.post("/api/apps/", Map.of("name", name, "description", "beer"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode app = r.json();
        assertThat(app.get("slug").asString()).startsWith("cafe-ol-").matches("[a-z0-9-]+");
        assertThat(app.get("id").asString()).hasSize(36);
        assertThat(app.get("datasource_count").asLong()).isZero();
        assertThat(app.get("table_count").asLong()).isZero();
        assertThat(app.get("created_at").asString()).endsWith("Z");
        TestServer.Response shown = api.get("/api/apps/" + app.get("slug").asString() + "/");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("name").asString()).isEqualTo(name);
        assertThat(shown.json().get("description").asString()).isEqualTo("beer");
    }

    @Test
    void aDerivedSlugThatIsTakenGetsASuffixAndAnExplicitOneIs409() {
        String name = unique("Twins");
        String first =
                api.post("/api/apps/", Map.of("name", name)).json().get("slug").asString();
        String second =
                api.post("/api/apps/", Map.of("name", name)).json().get("slug").asString();
        assertThat(second).isEqualTo(first + "-2");
        TestServer.Response clash = api.post("/api/apps/", Map.of("name", "other", "slug", first));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("error").get("code").asString()).isEqualTo("conflict");
        assertThat(clash.json().get("error").get("message").asString()).contains(first);
    }

    @Test
    void concurrentCreatesWithOneSlugMakeOneApp() throws Exception {
        String slug = "race-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(pool.submit(() -> api.post("/api/apps/", Map.of("name", "racer " + n, "slug", slug))
                        .status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : calls) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        JsonNode list = api.get("/api/apps/?q=" + slug).json();
        assertThat(list.get("count").asLong()).isEqualTo(1);
    }

    @Test
    void concurrentCreatesWithOneDerivedSlugGetDistinctSlugs() throws Exception {
        String name = unique("Crowd");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<TestServer.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> api.post("/api/apps/", Map.of("name", name))));
            }
            Set<String> slugs = new HashSet<>();
            for (Future<TestServer.Response> f : calls) {
                assertThat(f.get().status()).isEqualTo(201);
                slugs.add(f.get().json().get("slug").asString());
            }
            assertThat(slugs).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsPageWithCountAndNextAndFilterByQ() {
        String tag = "pager" + java.util.UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            api.post("/api/apps/", Map.of("name", tag + " " + i));
        }
        JsonNode page = api.get("/api/apps/?q=" + tag + "&limit=2").json();
        assertThat(page.get("count").asLong()).isEqualTo(3);
        assertThat(page.get("results")).hasSize(2);
        String next = page.get("next").asString();
        assertThat(next).contains("offset=2").contains("q=" + tag);
        JsonNode second = api.get(next.substring(next.indexOf("/api/"))).json();
        assertThat(second.get("results")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(api.get("/api/apps/?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/apps/?offset=x")
                        .json()
                        .get("error")
                        .get("fields")
                        .has("offset"))
                .isTrue();
    }

    @Test
    void putReplacesAndPatchChangesOnlyWhatItSends() {
        String slug = api.post("/api/apps/", Map.of("name", unique("Edit"), "description", "old"))
                .json()
                .get("slug")
                .asString();
        TestServer.Response patched = api.patch("/api/apps/" + slug + "/", Map.of("name", "Patched"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("description").asString()).isEqualTo("old");
        assertThat(patched.json().get("slug").asString()).isEqualTo(slug);
        TestServer.Response put = api.put("/api/apps/" + slug + "/", Map.of("name", "Put"));
        assertThat(put.json().get("name").asString()).isEqualTo("Put");
        assertThat(put.json().get("description").asString()).isEmpty();
        TestServer.Response noName = api.put("/api/apps/" + slug + "/", Map.of("description", "x"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("error").get("fields").get("name").get(0).asString())
                .isEqualTo("is required");
    }

    @Test
    void badBodiesAre400NamingEveryFieldAtFault() {
        TestServer.Response r = api.post("/api/apps/", Map.of("name", 5, "slug", "Bad Slug", "colour", "red"));
        assertThat(r.status()).isEqualTo(400);
        JsonNode fields = r.json().get("error").get("fields");
        assertThat(fields.has("name")).isTrue();
        assertThat(fields.has("slug")).isTrue();
        assertThat(fields.has("colour")).isTrue();
        assertThat(r.json().get("error").get("code").asString()).isEqualTo("invalid");
        TestServer.Response notJson = api.post("/api/apps/", "{\"name\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").get("fields").has("body")).isTrue();
        assertThat(api.post("/api/apps/", "[1]").status()).isEqualTo(400);
    }

    @Test
    void unknownIs404AndUnservedMethodIs405WithAllow() {
        TestServer.Response missing = api.get("/api/apps/no-such-app/");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").get("code").asString()).isEqualTo("not_found");
        TestServer.Response put = api.put("/api/apps/", Map.of("name", "x"));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET", "POST"));
        assertThat(put.json().get("error").get("code").asString()).isEqualTo("method_not_allowed");
        TestServer.Response getRestore = api.get("/api/apps/x/restore/");
        assertThat(getRestore.status()).isEqualTo(405);
        assertThat(getRestore.header("Allow")).hasValue("POST");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        try (TestServer small = TestServer.open(Map.of("MAX_REQUEST_BODY_MB", "1"))) {
            String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
            TestServer.Response r = new CatalogCalls(small).post("/api/apps/", big);
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.json().get("error").get("code").asString()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void dataSourcesAreCreatedListedAndFiltered() {
        String app = api.post("/api/apps/", Map.of("name", unique("Sources")))
                .json()
                .get("slug")
                .asString();
        String base = "/api/apps/" + app + "/datasources/";
        TestServer.Response flat = api.post(base, Map.of("name", unique("Flat"), "provider_type", "flat_table"));
        assertThat(flat.status()).isEqualTo(201);
        assertThat(flat.json().get("app").asString()).isEqualTo(app);
        assertThat(flat.json().get("provider_config").isObject()).isTrue();
        TestServer.Response docs = api.post(
                base,
                Map.of(
                        "name",
                        "Docs",
                        "slug",
                        "docs-" + app,
                        "provider_type",
                        "jsonb",
                        "provider_config",
                        Map.of("k", 1)));
        assertThat(docs.status()).isEqualTo(201);
        assertThat(docs.json().get("slug").asString()).isEqualTo("docs-" + app);
        assertThat(api.get(base).json().get("count").asLong()).isEqualTo(2);
        JsonNode jsonb = api.get(base + "?provider_type=jsonb").json();
        assertThat(jsonb.get("count").asLong()).isEqualTo(1);
        assertThat(jsonb.get("results").get(0).get("provider_config").get("k").asInt())
                .isEqualTo(1);
        assertThat(api.get("/api/apps/" + app + "/")
                        .json()
                        .get("datasource_count")
                        .asLong())
                .isEqualTo(2);
        TestServer.Response shown = api.get(base + "docs-" + app + "/");
        assertThat(shown.status()).isEqualTo(200);
    }

    @Test
    void anUnknownProviderIs400NamingTheSupportedOnes() {
        String app = api.post("/api/apps/", Map.of("name", unique("Mongo")))
                .json()
                .get("slug")
                .asString();
        TestServer.Response r =
                api.post("/api/apps/" + app + "/datasources/", Map.of("name", "m", "provider_type", "mongodb"));
        assertThat(r.status()).isEqualTo(400);
        String message =
                r.json().get("error").get("fields").get("provider_type").get(0).asString();
        assertThat(message).contains("mongodb").contains("flat_table").contains("jsonb");
    }

    @Test
    void dataSourceSlugsAreUniqueAcrossApps() {
        String a = api.post("/api/apps/", Map.of("name", unique("A")))
                .json()
                .get("slug")
                .asString();
        String b = api.post("/api/apps/", Map.of("name", unique("B")))
                .json()
                .get("slug")
                .asString();
        String slug = "shared-" + a;
        assertThat(api.post(
                                "/api/apps/" + a + "/datasources/",
                                Map.of("name", "x", "slug", slug, "provider_type", "jsonb"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/apps/" + b + "/datasources/",
                                Map.of("name", "x", "slug", slug, "provider_type", "jsonb"))
                        .status())
                .isEqualTo(409);
        assertThat(api.get("/api/apps/" + b + "/datasources/" + slug + "/").status())
                .isEqualTo(404);
    }

    @Test
    void softDeleteHidesCascadesAnswers410AndRestoreBringsBackWhatItTook() {
        String app = api.post("/api/apps/", Map.of("name", unique("Gone")))
                .json()
                .get("slug")
                .asString();
        String base = "/api/apps/" + app + "/datasources/";
        String kept = api.post(base, Map.of("name", "kept", "provider_type", "jsonb"))
                .json()
                .get("slug")
                .asString();
        String earlier = api.post(base, Map.of("name", "earlier", "provider_type", "jsonb"))
                .json()
                .get("slug")
                .asString();
        assertThat(api.delete(base + earlier + "/").status()).isEqualTo(204);
        assertThat(api.get(base + earlier + "/").status()).isEqualTo(410);
        assertThat(api.get(base).json().get("count").asLong()).isEqualTo(1);

        assertThat(api.delete("/api/apps/" + app + "/").status()).isEqualTo(204);
        TestServer.Response gone = api.get("/api/apps/" + app + "/");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.json().get("error").get("code").asString()).isEqualTo("gone");
        assertThat(api.get(base + kept + "/").status()).isEqualTo(410);
        assertThat(api.get("/api/apps/?q=" + app).json().get("count").asLong()).isZero();

        TestServer.Response restored = api.post("/api/apps/" + app + "/restore/", "");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("datasource_count").asLong()).isEqualTo(1);
        assertThat(api.get(base + kept + "/").status()).isEqualTo(200);
        assertThat(api.get(base + earlier + "/").status()).isEqualTo(410);
        assertThat(api.post("/api/apps/" + app + "/restore/", "").status()).isEqualTo(409);
    }

    @Test
    void everyChangeIsInTheAppsAuditTrail() {
        String app = api.post("/api/apps/", Map.of("name", unique("Audit")))
                .json()
                .get("slug")
                .asString();
        api.patch("/api/apps/" + app + "/", Map.of("description", "changed"));
        JsonNode ops = api.get("/api/apps/" + app + "/operations/").json();
        assertThat(ops.get("count").asLong()).isEqualTo(2);
        JsonNode latest = ops.get("results").get(0);
        assertThat(latest.get("operation").asString()).isEqualTo("patch");
        assertThat(latest.get("status").asString()).isEqualTo("applied");
        assertThat(latest.get("actor").asString()).isEqualTo("local");
        assertThat(latest.get("diff").get("description").get("to").asString()).isEqualTo("changed");
    }
}
