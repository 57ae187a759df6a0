package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.CkanStandIn;
import datastore.testing.CkanStandIn.Answer;
import datastore.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mode 1: every decision is CKAN's datastore_authorize (the stand-in), cached, failing closed. */
class CkanModeApiTest {
    private static final Map<String, String> TOKEN = Map.of("Authorization", "tok-alice");
    private CkanStandIn ckan;

    @BeforeEach
    void startCkan() {
        ckan = CkanStandIn.start();
    }

    @AfterEach
    void stopCkan() {
        ckan.close();
    }

    private TestServer server(String... settings) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AUTH_ENABLED", "true", "CKAN_URL", ckan.url(), "AUTH_CACHE_TTL", "60", "HTTP_TIMEOUT_SECONDS", "2"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return TestServer.start(env);
    }

    private static Map<String, Object> table(String id) {
        return Map.of(
                "resource_id",
                id,
                "fields",
                List.of(Map.of("id", "a", "type", "int")),
                "records",
                List.of(Map.of("a", 1)));
    }

    @Test
    void readsAskCkanForReadOnceWithinTheTtl() {
        try (TestServer s = server()) {
            assertThat(s.action("datastore_create", table("r1"), TOKEN).status())
                    .isEqualTo(200);
            ckan.reset();
            for (int i = 0; i < 5; i++) {
                assertThat(s.action("datastore_search", Map.of("resource_id", "r1"), TOKEN)
                                .status())
                        .isEqualTo(200);
            }
            assertThat(s.action("datastore_info", Map.of("resource_id", "r1"), TOKEN)
                            .status())
                    .isEqualTo(200);
            assertThat(s.get("/datastore/dump/r1", TOKEN).status()).isEqualTo(200);
            List<CkanStandIn.Call> calls = ckan.calls("datastore_authorize");
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0).body().get("resource_id").asString()).isEqualTo("r1");
            assertThat(calls.get(0).body().get("permission").asString()).isEqualTo("read");
            assertThat(calls.get(0).authorization()).contains("tok-alice");
        }
    }

    @Test
    void aNewCallIsMadeAfterTheTtl() throws Exception {
        try (TestServer s = server("AUTH_CACHE_TTL", "1")) {
            s.action("datastore_create", table("r1"), TOKEN);
            ckan.reset();
            s.action("datastore_search", Map.of("resource_id", "r1"), TOKEN);
            s.action("datastore_search", Map.of("resource_id", "r1"), TOKEN);
            assertThat(ckan.count("datastore_authorize")).isEqualTo(1);
            Thread.sleep(1300);
            s.action("datastore_search", Map.of("resource_id", "r1"), TOKEN);
            assertThat(ckan.count("datastore_authorize")).isEqualTo(2);
        }
    }

    @Test
    void writesAskForUpdateAndEachCredentialIsCachedSeparately() {
        try (TestServer s = server()) {
            s.action("datastore_create", table("r1"), TOKEN);
            s.action(
                    "datastore_upsert",
                    Map.of("resource_id", "r1", "method", "insert", "records", List.of(Map.of("a", 2))),
                    TOKEN);
            s.action("datastore_records_delete", Map.of("resource_id", "r1", "filters", Map.of("a", 2)), TOKEN);
            assertThat(ckan.calls("datastore_authorize"))
                    .extracting(c -> c.body().get("permission").asString())
                    .containsExactly("update");
            s.action(
                    "datastore_upsert",
                    Map.of("resource_id", "r1", "method", "insert", "records", List.of(Map.of("a", 3))),
                    Map.of("Authorization", "Bearer tok-bob"));
            List<CkanStandIn.Call> calls = ckan.calls("datastore_authorize");
            assertThat(calls).hasSize(2);
            assertThat(calls.get(1).authorization()).contains("tok-bob");
        }
    }

    @Test
    void anonymousCallersAreAskedAboutWithoutACredential() {
        try (TestServer s = server()) {
            s.action("datastore_create", table("r1"), TOKEN);
            ckan.reset();
            assertThat(s.action("datastore_search", Map.of("resource_id", "r1")).status())
                    .isEqualTo(200);
            assertThat(ckan.calls("datastore_authorize").get(0).authorization()).isEmpty();
        }
    }

    @Test
    void createWithAResourceDictCreatesTheCkanResourceFirstAndMarksItActive() {
        try (TestServer s = server()) {
            TestServer.Response r = s.action(
                    "datastore_create",
                    Map.of(
                            "resource",
                            Map.of("package_id", "pkg-1", "name", "new"),
                            "fields",
                            List.of(Map.of("id", "a", "type", "int"))),
                    TOKEN);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String id = r.result().get("resource_id").asString();
            CkanStandIn.Call authorize = ckan.calls("datastore_authorize").get(0);
            assertThat(authorize.body().get("permission").asString()).isEqualTo("create");
            assertThat(authorize.body().get("package_id").asString()).isEqualTo("pkg-1");
            assertThat(authorize.body().has("resource_id")).isFalse();
            CkanStandIn.Call create = ckan.calls("resource_create").get(0);
            assertThat(create.authorization()).contains("tok-alice");
            assertThat(create.body().get("package_id").asString()).isEqualTo("pkg-1");
            assertThat(create.body().get("url_type").asString()).isEqualTo("datastore");
            CkanStandIn.Call patch = ckan.calls("resource_patch").get(0);
            assertThat(patch.body().get("id").asString()).isEqualTo(id);
            assertThat(patch.body().get("datastore_active").asBoolean()).isTrue();
            assertThat(patch.authorization()).contains("tok-alice");

            assertThat(s.action("datastore_delete", Map.of("resource_id", id), TOKEN)
                            .status())
                    .isEqualTo(200);
            CkanStandIn.Call cleared = ckan.calls("resource_patch").get(1);
            assertThat(cleared.body().get("id").asString()).isEqualTo(id);
            assertThat(cleared.body().get("datastore_active").asBoolean()).isFalse();
        }
    }

    @Test
    void createOnAnExistingResourceIdAsksForUpdate() {
        try (TestServer s = server()) {
            s.action("datastore_create", table("r1"), TOKEN);
            assertThat(ckan.calls("datastore_authorize")
                            .get(0)
                            .body()
                            .get("permission")
                            .asString())
                    .isEqualTo("update");
            assertThat(ckan.count("resource_create")).isZero();
        }
    }

    @Test
    void aDenialIsA403ThatIsCachedForAShorterTime() throws Exception {
        try (TestServer s = server("AUTH_CACHE_TTL", "60", "AUTH_DENY_CACHE_TTL", "1")) {
            ckan.answer(Answer.DENY);
            TestServer.Response denied = s.action("datastore_create", table("r1"), TOKEN);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.error().get("__type").asString()).isEqualTo("Authorization Error");
            assertThat(denied.error().get("message").asString())
                    .isEqualTo("Access denied: User not authorized to update resource r1");
            s.action("datastore_create", table("r1"), TOKEN);
            s.action("datastore_create", table("r1"), TOKEN);
            assertThat(ckan.count("datastore_authorize")).isEqualTo(1);
            Thread.sleep(1300);
            ckan.answer(Answer.ALLOW);
            assertThat(s.action("datastore_create", table("r1"), TOKEN).status())
                    .isEqualTo(200);
            assertThat(ckan.count("datastore_authorize")).isEqualTo(2);
        }
    }

    @Test
    void noEngineWorkHappensWithoutAnAllowingDecision() {
        try (TestServer s = server()) {
            ckan.answer(Answer.DENY);
            assertThat(s.action("datastore_create", table("r1"), TOKEN).status())
                    .isEqualTo(403);
            ckan.answer(Answer.ALLOW);
            // Another credential, so the cached denial does not answer: the table was never made.
            assertThat(s.action("datastore_info", Map.of("resource_id", "r1"), Map.of("Authorization", "other"))
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void ckanFailuresDenyWithAClearErrorAndAreNotCached() {
        try (TestServer s = server()) {
            s.action("datastore_create", table("r1"), TOKEN);
            ckan.reset();
            ckan.answer(Answer.FAIL);
            TestServer.Response failed = s.action("datastore_search", Map.of("resource_id", "r1"), TOKEN);
            assertThat(failed.status()).isEqualTo(403);
            assertThat(failed.error().get("message").asString())
                    .contains("CKAN could not be asked")
                    .contains("HTTP 500");
            ckan.answer(Answer.ALLOW);
            assertThat(s.action("datastore_search", Map.of("resource_id", "r1"), TOKEN)
                            .status())
                    .isEqualTo(200);
            assertThat(ckan.count("datastore_authorize")).isEqualTo(2);
        }
    }

    @Test
    void aHangingCkanTimesOutAndDenies() {
        try (TestServer s = server("HTTP_TIMEOUT_SECONDS", "1")) {
            s.action("datastore_create", table("r1"), TOKEN);
            ckan.answer(Answer.HANG);
            long start = System.nanoTime();
            TestServer.Response r = s.action("datastore_search", Map.of("resource_id", "r1"), TOKEN);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error().get("message").asString())
                    .contains("did not answer")
                    .contains("within 1 s");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
        }
    }

    @Test
    void anUnreachableCkanDenies() {
        String url = ckan.url();
        ckan.close();
        Map<String, String> env = Map.of("AUTH_ENABLED", "true", "CKAN_URL", url);
        try (TestServer s = TestServer.start(env)) {
            TestServer.Response r = s.action("datastore_create", table("r1"), TOKEN);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error().get("message").asString()).contains("unreachable");
            assertThat(s.get("/ready").status()).isEqualTo(503);
            assertThat(s.get("/ready").error().get("message").asString()).contains("unreachable");
        }
    }

    @Test
    void ckanNotFoundAndValidationErrorsPassThrough() {
        try (TestServer s = server()) {
            ckan.answer(Answer.NOT_FOUND);
            TestServer.Response nf = s.action("datastore_create", table("r1"), TOKEN);
            assertThat(nf.status()).isEqualTo(404);
            assertThat(nf.error().get("__type").asString()).isEqualTo("Not Found Error");
            assertThat(nf.error().get("message").asString()).isEqualTo("Not found: Resource was not found.");
            ckan.answer(Answer.INVALID);
            TestServer.Response invalid = s.action("datastore_create", table("r2"), TOKEN);
            assertThat(invalid.status()).isEqualTo(409);
            assertThat(invalid.error().get("__type").asString()).isEqualTo("Validation Error");
            assertThat(invalid.error().get("permission").get(0).asString()).contains("must be one of");
        }
    }

    @Test
    void resourceCreateValidationErrorsPassThrough() {
        try (TestServer s = server()) {
            TestServer.Response r = s.action("datastore_create", Map.of("resource", Map.of("name", "x")), TOKEN);
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.error().get("package_id").get(0).asString()).isEqualTo("Missing value");
            assertThat(ckan.count("resource_create")).isZero();
        }
    }

    @Test
    void requestShapeAndExistenceAreCheckedBeforeAskingCkan() {
        try (TestServer s = server()) {
            assertThat(s.action("datastore_search", Map.of("resource_id", "r1", "limit", "x"), TOKEN)
                            .status())
                    .isEqualTo(409);
            assertThat(s.action("datastore_search", Map.of("resource_id", "missing"), TOKEN)
                            .status())
                    .isEqualTo(404);
            assertThat(s.get("/datastore/dump/missing", TOKEN).status()).isEqualTo(404);
            assertThat(ckan.count("datastore_authorize")).isZero();
        }
    }

    @Test
    void searchSqlAuthorisesEveryTableItReads() {
        try (TestServer s = server()) {
            s.action("datastore_create", table("t1"), TOKEN);
            s.action("datastore_create", table("t2"), TOKEN);
            ckan.reset();
            ckan.policy((auth, body) -> body.path("resource_id").asString().equals("t2") ? Answer.DENY : Answer.ALLOW);
            String sql = "SELECT x.a FROM \"t1\" x JOIN \"t2\" y ON x.a = y.a";
            TestServer.Response denied = s.action("datastore_search_sql", Map.of("sql", sql), TOKEN);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(ckan.calls("datastore_authorize"))
                    .extracting(c -> c.body().get("resource_id").asString() + ":"
                            + c.body().get("permission").asString())
                    .containsExactlyInAnyOrder("t1:read", "t2:read");
            TestServer.Response one = s.action("datastore_search_sql", Map.of("sql", "SELECT a FROM \"t1\""), TOKEN);
            assertThat(one.status()).isEqualTo(200);
            assertThat(ckan.count("datastore_authorize")).isEqualTo(2);
        }
    }

    @Test
    void readyReportsWhetherCkanIsReachable() {
        try (TestServer s = server()) {
            TestServer.Response ready = s.get("/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.result().get("ckan").asString()).isEqualTo("reachable");
            assertThat(s.get("/health").status()).isEqualTo(200);
            assertThat(s.get("/").status()).isEqualTo(200);
            assertThat(s.get("/metrics").status()).isEqualTo(200);
            assertThat(ckan.count("datastore_authorize")).isZero();
        }
    }

    @Test
    void tokenActionsAreNotServedInCkanMode() {
        try (TestServer s = server()) {
            assertThat(s.action("datastore_token_list", Map.of(), TOKEN).status())
                    .isEqualTo(400);
            assertThat(s.adminToken()).isEqualTo(Optional.empty());
        }
    }
}
