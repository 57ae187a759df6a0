package datastore.infrastructure.ratelimit;

/**
 * What taking one token from a bucket did.
 *
 * @param consumed whether the token was there (the request may go ahead)
 * @param remaining tokens left after this one
 * @param nanosToRefill when refused: how long until one token is back
 * @param nanosToFull how long until the bucket is full again
 */
public record Probe(boolean consumed, long remaining, long nanosToRefill, long nanosToFull) {
    /** What a bucket store answers when it cannot be asked (it lets the request through). */
    public static Probe unknown(Limit limit) {
        return new Probe(true, limit.capacity(), 0, 0);
    }
}
