package datastore.services.ratelimit;

import datastore.infrastructure.ratelimit.Buckets;
import datastore.infrastructure.ratelimit.Limit;
import datastore.infrastructure.ratelimit.Probe;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a caller may make one more call: every call takes a token from the caller's standard
 * bucket ({@code RATE_LIMIT_PER_MINUTE} a minute), a write also one from its write bucket
 * ({@code RATE_LIMIT_WRITE_BURST} at once, refilled at the per-minute rate).
 */
public final class RateLimiter {
    private final Buckets buckets;
    private final Limit standard;
    private final Limit write;

    public RateLimiter(Buckets buckets, int perMinute, int writeBurst) {
        this.buckets = Objects.requireNonNull(buckets, "buckets is null");
        this.standard = new Limit("standard", perMinute, perMinute, Duration.ofMinutes(1));
        this.write = new Limit("write", writeBurst, perMinute, Duration.ofMinutes(1));
    }

    /**
     * @param caller who is calling: an authenticated principal's id, or the client's address for an
     *     anonymous caller (see {@link #callerKey})
     */
    public RateDecision check(String caller, RouteClass kind) {
        Objects.requireNonNull(caller, "caller is null");
        if (kind == RouteClass.WRITE) {
            List<Limit> applied = List.of(standard, write);
            Probe w = buckets.tryConsume(key(write, caller), write);
            if (!w.consumed()) {
                return decision(write, w, applied);
            }
            Probe s = buckets.tryConsume(key(standard, caller), standard);
            boolean writeCloser =
                    s.consumed() && w.remaining() * standard.capacity() < s.remaining() * write.capacity();
            return writeCloser ? decision(write, w, applied) : decision(standard, s, applied);
        }
        return decision(standard, buckets.tryConsume(key(standard, caller), standard), List.of(standard));
    }

    private static RateDecision decision(Limit limit, Probe probe, List<Limit> applied) {
        return new RateDecision(
                probe.consumed(),
                limit.name(),
                probe.remaining(),
                ceilSeconds(probe.nanosToFull()),
                probe.consumed() ? 0 : Math.max(1, ceilSeconds(probe.nanosToRefill())),
                applied.stream()
                        .map(l -> new RateDecision.Policy(l.name(), l.capacity(), l.windowSeconds()))
                        .toList());
    }

    private static long ceilSeconds(long nanos) {
        return (Math.max(0, nanos) + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * The caller's bucket identity: the principal when the request proved one, the client address
     * otherwise, so that rotating made-up credentials does not buy an anonymous caller new buckets.
     */
    public static String callerKey(@org.jspecify.annotations.Nullable String principal, String address) {
        return principal != null ? "p:" + principal : "a:" + address;
    }

    private static String key(Limit limit, String caller) {
        return "ratelimit:" + limit.name() + ":" + caller;
    }
}
