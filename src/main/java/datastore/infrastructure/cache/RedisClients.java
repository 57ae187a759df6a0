package datastore.infrastructure.cache;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/** Opens a Jedis client for {@code REDIS_URL}, the one way every Redis user here connects. */
public final class RedisClients {
    private RedisClients() {}

    /** A client for {@code url} (user, password, database and TLS from it) with {@code timeout} on connect and read. */
    public static RedisClient open(URI url, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .ssl(JedisURIHelper.isRedisSSLScheme(url));
        if (JedisURIHelper.getUser(url) != null) {
            config.user(JedisURIHelper.getUser(url));
        }
        if (JedisURIHelper.getPassword(url) != null) {
            config.password(JedisURIHelper.getPassword(url));
        }
        if (JedisURIHelper.hasDbIndex(url)) {
            config.database(JedisURIHelper.getDBIndex(url));
        }
        return RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(url))
                .clientConfig(config.build())
                .build();
    }
}
