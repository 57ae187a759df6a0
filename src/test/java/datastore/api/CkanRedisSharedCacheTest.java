package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.CkanStandIn;
import datastore.testing.RedisForTests;
import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two service instances (each with its own DATA_DIR) sharing the real Redis ask CKAN once between them. */
class CkanRedisSharedCacheTest {
    private static final Map<String, String> TOKEN = Map.of("Authorization", "secret-token-value");

    @Test
    void twoInstancesSharingRedisMakeOneCkanCall() {
        try (RedisForTests redis = RedisForTests.connect();
                CkanStandIn ckan = CkanStandIn.start()) {
            Map<String, String> env = Map.of(
                    "AUTH_ENABLED", "true",
                    "CKAN_URL", ckan.url(),
                    "REDIS_URL", redis.url().toString(),
                    "REDIS_KEY_PREFIX", redis.prefix(),
                    "AUTH_CACHE_TTL", "60");
            try (TestServer a = TestServer.start(env);
                    TestServer b = TestServer.start(env)) {
                Map<String, Object> create =
                        Map.of("resource_id", "shared", "fields", List.of(Map.of("id", "a", "type", "int")));
                assertThat(a.action("datastore_create", create, TOKEN).status()).isEqualTo(200);
                assertThat(b.action("datastore_create", create, TOKEN).status()).isEqualTo(200);
                assertThat(ckan.count("datastore_authorize")).isEqualTo(1);
                for (TestServer s : List.of(a, b, a, b)) {
                    assertThat(s.action("datastore_search", Map.of("resource_id", "shared"), TOKEN)
                                    .status())
                            .isEqualTo(200);
                }
                assertThat(ckan.count("datastore_authorize")).isEqualTo(2);
                assertThat(redis.keys()).hasSize(2).allSatisfy(k -> assertThat(k)
                        .doesNotContain("secret-token-value"));
            }
        }
    }

    @Test
    void aDeadRedisFallsBackToAskingCkan() {
        try (CkanStandIn ckan = CkanStandIn.start()) {
            Map<String, String> env = Map.of(
                    "AUTH_ENABLED",
                    "true",
                    "CKAN_URL",
                    ckan.url(),
                    "REDIS_URL",
                    "redis://127.0.0.1:1",
                    "HTTP_TIMEOUT_SECONDS",
                    "1");
            try (TestServer s = TestServer.start(env)) {
                Map<String, Object> create =
                        Map.of("resource_id", "r", "fields", List.of(Map.of("id", "a", "type", "int")));
                assertThat(s.action("datastore_create", create, TOKEN).status()).isEqualTo(200);
                assertThat(s.action("datastore_search", Map.of("resource_id", "r"), TOKEN)
                                .status())
                        .isEqualTo(200);
                assertThat(ckan.count("datastore_authorize")).isEqualTo(2);
            }
        }
    }
}
