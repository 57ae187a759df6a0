package datastore.services.ratelimit;

import java.util.List;
import java.util.Objects;

/**
 * The rate limiter's answer for one call.
 *
 * @param limit the name of the limit the call came closest to (the one that refused it, when refused)
 * @param remaining calls that limit still allows now
 * @param resetSeconds whole seconds until that limit's bucket is full again
 * @param retryAfterSeconds for a refused call, whole seconds until one more call is allowed (at least 1)
 * @param policies every limit that applied to the call, for {@code RateLimit-Policy}
 */
public record RateDecision(
        boolean allowed,
        String limit,
        long remaining,
        long resetSeconds,
        long retryAfterSeconds,
        List<Policy> policies) {
    public RateDecision {
        Objects.requireNonNull(limit, "limit is null");
        policies = List.copyOf(policies);
    }

    /** One limit as {@code RateLimit-Policy} states it: {@code quota} calls per {@code windowSeconds}. */
    public record Policy(String name, long quota, long windowSeconds) {
        public Policy {
            Objects.requireNonNull(name, "name is null");
        }
    }
}
