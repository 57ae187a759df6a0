package datastore.infrastructure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.RedisForTests;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisDecisionCacheTest {

    @Test
    void storesWithATimeToLiveUnderItsPrefix() throws Exception {
        try (RedisForTests redis = RedisForTests.connect();
                RedisDecisionCache cache = new RedisDecisionCache(redis.url(), redis.prefix(), Duration.ofSeconds(2))) {
            cache.put("k", "allow", Duration.ofMillis(700));
            assertThat(cache.get("k")).contains("allow");
            assertThat(redis.keys()).containsExactly(redis.prefix() + "k");
            assertThat(redis.client().pttl(redis.prefix() + "k")).isBetween(1L, 700L);
            Thread.sleep(900);
            assertThat(cache.get("k")).isEmpty();
            cache.put("gone", "x", Duration.ZERO);
            assertThat(cache.get("gone")).isEmpty();
        }
    }

    @Test
    void anUnreachableRedisIsAMissNotAnError() {
        try (RedisDecisionCache cache =
                new RedisDecisionCache(URI.create("redis://127.0.0.1:1"), "p:", Duration.ofMillis(300))) {
            cache.put("k", "allow", Duration.ofSeconds(10));
            assertThat(cache.get("k")).isEmpty();
            cache.invalidate("k");
        }
    }
}
