package datastore.infrastructure.ratelimit;

/** Where the token buckets live: in this process, or in Redis so that several instances share them. */
public sealed interface Buckets extends AutoCloseable permits LocalBuckets, RedisBuckets {
    /**
     * Takes one token from the bucket {@code key} of shape {@code limit} (created full on first use).
     * Never throws for a failing store: the request is let through and the failure logged.
     */
    Probe tryConsume(String key, Limit limit);

    /** {@code local} or {@code redis}, for logs and readiness. */
    String kind();

    @Override
    void close();
}
