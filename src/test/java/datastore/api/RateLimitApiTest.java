package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.RedisForTests;
import datastore.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rate limits: per caller, a standard limit on every call and a burst limit on writes, 429 in each surface's words. */
class RateLimitApiTest {
    private static final Map<String, Object> SEARCH = Map.of("resource_id", "t");

    private static TestServer server(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of("RATE_LIMIT_ENABLED", "true"));
        env.putAll(settings);
        if (!env.containsKey("AUTH_ENABLED")) {
            env.put("AUTH_ENABLED", "false");
        }
        return TestServer.start(env);
    }

    private static void createTable(TestServer s, Map<String, String> headers) {
        assertThat(s.action(
                                "datastore_create",
                                Map.of(
                                        "resource_id",
                                        "t",
                                        "fields",
                                        List.of(Map.of("id", "a", "type", "int")),
                                        "records",
                                        List.of(Map.of("a", 1))),
                                headers)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void callsOverTheStandardLimitGet429WithRetryAfterAndCkansEnvelope() {
        try (TestServer s = server(Map.of("RATE_LIMIT_PER_MINUTE", "4"))) {
            createTable(s, Map.of());
            TestServer.Response first = s.action("datastore_search", SEARCH);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("RateLimit-Policy")).contains("\"standard\";q=4;w=60");
            assertThat(first.header("RateLimit"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("\"standard\";r=2;t="));
            assertThat(s.get("/api/3/action/datastore_search?resource_id=t").status())
                    .isEqualTo(200);
            assertThat(s.action("datastore_info", Map.of("id", "t")).status()).isEqualTo(200);

            TestServer.Response refused = s.action("datastore_search", SEARCH);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After"))
                    .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
            assertThat(refused.header("RateLimit"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("\"standard\";r=0;"));
            assertThat(refused.json().get("success").asBoolean()).isFalse();
            assertThat(refused.error().get("__type").asString()).isEqualTo("Rate Limit Error");
            assertThat(refused.error().get("message").asString()).contains("rate limit");
            assertThat(refused.json().get("help").asString()).contains("datastore_search");
        }
    }

    @Test
    void datasetteRoutesAnswerTheirOwnErrorObjectWhenOverTheLimit() {
        try (TestServer s = server(Map.of("RATE_LIMIT_PER_MINUTE", "2"))) {
            createTable(s, Map.of());
            assertThat(s.get("/data/t.json").status()).isEqualTo(200);
            TestServer.Response refused = s.get("/data/t.json");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("ok").asBoolean()).isFalse();
            assertThat(refused.json().get("status").asInt()).isEqualTo(429);
            assertThat(refused.json().get("error").asString()).contains("rate limit");
            assertThat(refused.header("Retry-After")).isPresent();
        }
    }

    /** Writes refill at the standard rate (one every 10 s here): the burst is what is used up. */
    @Test
    void writesHaveTheirOwnBurstLimitWhileReadsGoOn() {
        try (TestServer s = server(Map.of("RATE_LIMIT_PER_MINUTE", "6", "RATE_LIMIT_WRITE_BURST", "3"))) {
            createTable(s, Map.of());
            Map<String, Object> upsert =
                    Map.of("resource_id", "t", "method", "insert", "records", List.of(Map.of("a", 2)));
            TestServer.Response write = s.action("datastore_upsert", upsert);
            assertThat(write.status()).isEqualTo(200);
            assertThat(write.header("RateLimit-Policy")).contains("\"standard\";q=6;w=60, \"write\";q=3;w=30");
            assertThat(s.post("/data/t/-/insert", "{\"row\": {\"a\": 3}}", Map.of())
                            .status())
                    .isEqualTo(201);

            TestServer.Response refused = s.action("datastore_upsert", upsert);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("RateLimit"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("\"write\";r=0;"));
            assertThat(refused.error().get("message").asString()).contains("write rate limit");
            // The refused write changed nothing; reads are not held back by the write burst.
            TestServer.Response rows = s.action("datastore_search", SEARCH);
            assertThat(rows.status()).isEqualTo(200);
            assertThat(rows.result().get("total").asLong()).isEqualTo(3);
            assertThat(rows.header("RateLimit-Policy")).contains("\"standard\";q=6;w=60");
        }
    }

    @Test
    void healthReadinessAndMetricsAreNeverLimited() {
        try (TestServer s = server(Map.of("RATE_LIMIT_PER_MINUTE", "1"))) {
            assertThat(s.get("/").status()).isEqualTo(200);
            assertThat(s.get("/").status()).isEqualTo(429);
            for (int i = 0; i < 5; i++) {
                assertThat(s.get("/health").status()).isEqualTo(200);
                assertThat(s.get("/ready").status()).isEqualTo(200);
                assertThat(s.get("/metrics").status()).isEqualTo(200);
            }
            assertThat(s.get("/health").header("RateLimit")).isEmpty();
            assertThat(s.get("/metrics").body()).contains("datastore_rate_limit_rejections_total{limit=\"standard\"}");
        }
    }

    @Test
    void eachTokenHasItsOwnBucketAndMadeUpTokensCountAsTheAddress() {
        try (TestServer s = server(Map.of("AUTH_ENABLED", "true", "RATE_LIMIT_PER_MINUTE", "3"))) {
            String admin = s.adminToken().orElseThrow();
            Map<String, String> asAdmin = Map.of("Authorization", admin);
            createTable(s, asAdmin);
            TestServer.Response minted = s.action("datastore_token_create", Map.of("actor", "reader"), asAdmin);
            assertThat(minted.status()).isEqualTo(200);
            Map<String, String> asReader =
                    Map.of("Authorization", minted.result().get("token").asString());
            assertThat(s.action("datastore_search", SEARCH, asAdmin).status()).isEqualTo(200);
            assertThat(s.action("datastore_search", SEARCH, asAdmin).status()).isEqualTo(429);

            // The reader's bucket is its own, and so is the anonymous caller's (by address).
            for (int i = 0; i < 3; i++) {
                assertThat(s.action("datastore_search", SEARCH, asReader).status())
                        .isEqualTo(200);
            }
            assertThat(s.action("datastore_search", SEARCH, asReader).status()).isEqualTo(429);
            for (int i = 0; i < 3; i++) {
                assertThat(s.action("datastore_search", SEARCH).status()).isEqualTo(200);
            }
            // A token that proves no one is counted as its address: no fresh bucket for a made-up token.
            TestServer.Response madeUp =
                    s.action("datastore_search", SEARCH, Map.of("Authorization", "not-a-token-" + i()));
            assertThat(madeUp.status()).isEqualTo(429);
        }
    }

    @Test
    void twoInstancesSharingRedisShareTheLimits() {
        try (RedisForTests redis = RedisForTests.connect()) {
            Map<String, String> env = Map.of(
                    "RATE_LIMIT_PER_MINUTE", "5",
                    "REDIS_URL", redis.url().toString(),
                    "REDIS_KEY_PREFIX", redis.prefix());
            try (TestServer a = server(env);
                    TestServer b = server(env)) {
                assertThat(a.get("/").status()).isEqualTo(200);
                assertThat(b.get("/").status()).isEqualTo(200);
                assertThat(a.get("/").status()).isEqualTo(200);
                assertThat(b.get("/").status()).isEqualTo(200);
                TestServer.Response last = a.get("/");
                assertThat(last.status()).isEqualTo(200);
                assertThat(last.header("RateLimit"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("\"standard\";r=0;"));
                assertThat(b.get("/").status()).isEqualTo(429);
                assertThat(a.get("/").status()).isEqualTo(429);
                assertThat(redis.keys()).isNotEmpty().allSatisfy(k -> assertThat(k)
                        .startsWith(redis.prefix() + "ratelimit:standard:"));
                // Readiness checks the Redis the limits live in (and is never limited itself).
                TestServer.Response ready = a.get("/ready");
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.result().get("redis").asString()).isEqualTo("reachable");
            }
        }
    }

    @Test
    void withoutTheSettingNothingIsLimited() {
        try (TestServer s = TestServer.open(Map.of("RATE_LIMIT_PER_MINUTE", "1"))) {
            for (int i = 0; i < 3; i++) {
                TestServer.Response r = s.get("/");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("RateLimit")).isEmpty();
            }
        }
    }

    private static long i() {
        return System.nanoTime();
    }
}
