package datastore.infrastructure.cache;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The shared decision cache in Redis ({@code REDIS_URL}), so several service instances ask CKAN once
 * between them. Every Redis failure is logged and answered as a miss: a broken cache costs a CKAN call,
 * never a wrong decision.
 */
public final class RedisDecisionCache implements DecisionCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisDecisionCache.class);
    private final RedisClient redis;
    private final String prefix;

    public RedisDecisionCache(URI url, String prefix, Duration timeout) {
        this.prefix = Objects.requireNonNull(prefix, "prefix is null");
        this.redis = RedisClients.open(url, timeout);
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.ofNullable(redis.get(prefix + key));
        } catch (JedisException e) {
            LOG.atWarn().addKeyValue("error", e.getMessage()).log("redis cache read failed; asking the source");
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        if (!ttl.isPositive()) {
            return;
        }
        try {
            redis.set(prefix + key, value, SetParams.setParams().px(ttl.toMillis()));
        } catch (JedisException e) {
            LOG.atWarn().addKeyValue("error", e.getMessage()).log("redis cache write failed");
        }
    }

    @Override
    public void invalidate(String key) {
        try {
            redis.del(prefix + key);
        } catch (JedisException e) {
            LOG.atWarn().addKeyValue("error", e.getMessage()).log("redis cache delete failed");
        }
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
