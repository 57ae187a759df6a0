package datastore.infrastructure.ratelimit;

import datastore.infrastructure.cache.RedisClients;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.bucket4j.redis.jedis.cas.JedisBasedProxyManager;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Bucket4j buckets in Redis ({@code REDIS_URL}), so every instance counts against the same limits. Keys
 * expire once their bucket would be full again. A Redis failure lets the request through (logged): a
 * broken Redis must not take the API down with it.
 */
public final class RedisBuckets implements Buckets {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBuckets.class);
    private final RedisClient redis;
    private final JedisBasedProxyManager<byte[]> buckets;
    private final String prefix;

    public RedisBuckets(URI url, String prefix, Duration timeout) {
        this.prefix = Objects.requireNonNull(prefix, "prefix is null");
        this.redis = RedisClients.open(url, timeout);
        this.buckets = Bucket4jJedis.casBasedBuilder(redis)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    @Override
    public Probe tryConsume(String key, Limit limit) {
        try {
            return BucketShapes.probe(buckets.builder()
                    .build((prefix + key).getBytes(StandardCharsets.UTF_8), () -> BucketShapes.configuration(limit))
                    .tryConsumeAndReturnRemaining(1));
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .addKeyValue("error", String.valueOf(e.getMessage()))
                    .log("rate limit store (redis) failed; request let through");
            return Probe.unknown(limit);
        }
    }

    /** Throws when Redis does not answer (for {@code /ready}). */
    public void ping() {
        redis.ping();
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        redis.close();
    }
}
