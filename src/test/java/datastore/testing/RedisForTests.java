package datastore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The machine's real Redis for tests ({@code DATASTORE_TEST_REDIS_URL}, default
 * {@code redis://127.0.0.1:6379}): each test gets its own key prefix and removes its keys afterwards.
 * Unreachable → the test is skipped, unless {@code CI=true}, where it fails.
 */
public final class RedisForTests implements AutoCloseable {
    private final URI url;
    private final String prefix;
    private final RedisClient client;

    private RedisForTests(URI url, String prefix, RedisClient client) {
        this.url = url;
        this.prefix = prefix;
        this.client = client;
    }

    public static RedisForTests connect() {
        String raw = System.getenv().getOrDefault("DATASTORE_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        URI url = URI.create(raw);
        RedisClient client = RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(url))
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(2000)
                        .socketTimeoutMillis(2000)
                        .build())
                .build();
        try {
            client.ping();
        } catch (JedisException e) {
            client.close();
            String message = "Redis at " + raw + " is unreachable (" + e.getMessage()
                    + "); set DATASTORE_TEST_REDIS_URL or start Redis";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " — CI=true, so this fails instead of skipping", e);
            }
            assumeTrue(false, message);
        }
        return new RedisForTests(url, "datastore-test:" + UUID.randomUUID() + ":", client);
    }

    public URI url() {
        return url;
    }

    public String prefix() {
        return prefix;
    }

    public RedisClient client() {
        return client;
    }

    /** Every key under this test's prefix. */
    public Set<String> keys() {
        Set<String> keys = new java.util.HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page =
                    client.scan(cursor, new ScanParams().match(prefix + "*").count(500));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    @Override
    public void close() {
        try {
            Set<String> keys = keys();
            if (!keys.isEmpty()) {
                client.del(keys.toArray(String[]::new));
            }
        } finally {
            client.close();
        }
    }
}
