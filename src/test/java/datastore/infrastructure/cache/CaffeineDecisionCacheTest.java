package datastore.infrastructure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineDecisionCacheTest {

    @Test
    void eachEntryExpiresAfterItsOwnTimeToLive() {
        AtomicLong now = new AtomicLong();
        CaffeineDecisionCache cache = new CaffeineDecisionCache(100, now::get);
        cache.put("allow", "allow", Duration.ofSeconds(60));
        cache.put("deny", "deny:", Duration.ofSeconds(5));
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(cache.get("deny")).isEmpty();
        assertThat(cache.get("allow")).contains("allow");
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(cache.get("allow")).isEmpty();
    }
}
