package datastore.infrastructure.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** Bucket4j buckets in this process (no {@code REDIS_URL}): one per key, forgotten once full and idle. */
public final class LocalBuckets implements Buckets {
    private final Cache<String, Bucket> buckets;

    /** @param idle how long an unused bucket is kept; at least the longest window, or limits would reset early */
    public LocalBuckets(Duration idle, long maxKeys) {
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(maxKeys)
                .build();
    }

    @Override
    public Probe tryConsume(String key, Limit limit) {
        Bucket bucket = buckets.get(
                key,
                k -> Bucket.builder().addLimit(BucketShapes.bandwidth(limit)).build());
        ConsumptionProbe p = bucket.tryConsumeAndReturnRemaining(1);
        return BucketShapes.probe(p);
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public void close() {
        buckets.invalidateAll();
    }
}
