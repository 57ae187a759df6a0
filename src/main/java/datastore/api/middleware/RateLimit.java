package datastore.api.middleware;

import datastore.api.Route;
import datastore.api.RouteTable;
import datastore.api.auth.AuthGate;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.services.ratelimit.RateDecision;
import datastore.services.ratelimit.RateLimiter;
import datastore.services.ratelimit.RouteClass;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts each call against its caller's limits before the route runs: answers the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} headers on every limited call, and refuses a call over
 * a limit with 429, {@code Retry-After} and the route's own error envelope. Health, readiness and metrics
 * are never limited.
 */
public final class RateLimit {
    /** Operations a probe or a scraper calls, which a limit must never make look down. */
    private static final Set<String> EXEMPT = Set.of("health", "ready", "metrics");

    private final RateLimiter limiter;
    private final AuthGate gate;
    private final MeterRegistry registry;

    public RateLimit(RateLimiter limiter, AuthGate gate, MeterRegistry registry) {
        this.limiter = Objects.requireNonNull(limiter, "limiter is null");
        this.gate = Objects.requireNonNull(gate, "gate is null");
        this.registry = Objects.requireNonNull(registry, "registry is null");
    }

    /** Whether calls to {@code route} are limited. */
    public static boolean limited(Route route) {
        return !EXEMPT.contains(route.operation());
    }

    /**
     * A POST is a write (CKAN's write actions, Datasette's {@code /-/insert}…) unless the same operation
     * also answers GET at that path, as CKAN's searches do: those are reads whichever method is used.
     */
    public static RouteClass classify(Route route, RouteTable table) {
        if (!route.method().equals(HandlerType.POST)) {
            return RouteClass.READ;
        }
        boolean alsoGet = table.find(HandlerType.GET, route.path()).stream()
                .anyMatch(r -> r.operation().equals(route.operation()));
        return alsoGet ? RouteClass.READ : RouteClass.WRITE;
    }

    /** Takes this call from the caller's buckets; throws a 429 {@link ApiException} when over a limit. */
    public void check(Context ctx, RouteClass kind) {
        RateDecision d = limiter.check(RateLimiter.callerKey(gate.caller(ctx), ctx.ip()), kind);
        ctx.header(
                "RateLimit-Policy",
                d.policies().stream()
                        .map(p -> "\"" + p.name() + "\";q=" + p.quota() + ";w=" + p.windowSeconds())
                        .collect(Collectors.joining(", ")));
        ctx.header("RateLimit", "\"" + d.limit() + "\";r=" + d.remaining() + ";t=" + d.resetSeconds());
        if (!d.allowed()) {
            ctx.header("Retry-After", Long.toString(d.retryAfterSeconds()));
            Counter.builder("datastore_rate_limit_rejections")
                    .description("Calls refused with 429 for being over a rate limit")
                    .tag("limit", d.limit())
                    .register(registry)
                    .increment();
            throw ApiException.of(
                    ErrorCode.TOO_MANY_REQUESTS,
                    "Too many requests: over the " + d.limit() + " rate limit; retry in " + d.retryAfterSeconds()
                            + " s");
        }
    }
}
