package datastore.infrastructure.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * A small key → text cache with a time to live per entry, for authorisation decisions. Keys are
 * already hashes (never raw credentials). A cache that cannot answer behaves as a miss: {@link #get}
 * returns empty and {@link #put} does nothing, so the caller falls back to asking the source.
 */
public interface DecisionCache extends AutoCloseable {
    Optional<String> get(String key);

    /** Stores {@code value} for {@code ttl}; a zero or negative ttl stores nothing. */
    void put(String key, String value, Duration ttl);

    void invalidate(String key);

    /** A short name for logs and {@code /ready}: {@code memory} or {@code redis}. */
    String kind();

    @Override
    default void close() {}
}
