package datastore.infrastructure.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The in-process decision cache (Caffeine), bounded in size, each entry with its own time to live. */
public final class CaffeineDecisionCache implements DecisionCache {
    private record Entry(String value, long ttlNanos) {}

    private final Cache<String, Entry> cache;

    public CaffeineDecisionCache(long maxEntries) {
        this(maxEntries, Ticker.systemTicker());
    }

    CaffeineDecisionCache(long maxEntries, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(cache.getIfPresent(key)).map(Entry::value);
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        Objects.requireNonNull(value, "value is null");
        if (ttl.isPositive()) {
            cache.put(key, new Entry(value, ttl.toNanos()));
        }
    }

    @Override
    public void invalidate(String key) {
        cache.invalidate(key);
    }

    @Override
    public String kind() {
        return "memory";
    }
}
