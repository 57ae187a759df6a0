package datastore.infrastructure.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One token bucket's shape: {@code capacity} requests at once, refilled evenly with {@code refill} tokens
 * every {@code period}.
 *
 * @param name the limit's name in {@code RateLimit-Policy} and in bucket keys
 */
public record Limit(String name, long capacity, long refill, Duration period) {
    public Limit {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(period, "period is null");
        if (capacity < 1 || refill < 1 || !period.isPositive()) {
            throw new IllegalArgumentException("a limit needs a positive capacity, refill and period");
        }
    }

    /** Seconds an empty bucket takes to fill up again: the limit's window. */
    public long windowSeconds() {
        return Math.max(1, (period.toNanos() / refill * capacity + 999_999_999) / 1_000_000_000);
    }
}
