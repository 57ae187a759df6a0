package datastore.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The operating settings: rate limits, per-operation time limits and the shutdown grace period.
 *
 * @param rateLimitEnabled whether requests are counted against per-caller limits at all
 * @param rateLimitPerMinute requests a caller may make per minute, over every limited route
 * @param rateLimitWriteBurst write requests a caller may make back to back (refilled at the per-minute rate)
 * @param searchTimeout how long one search (or count) may run on the engine before it is cancelled
 * @param dumpTimeout how long one dump may stream before its statement is cancelled; zero = no limit
 * @param shutdownGrace how long a stopping service waits for in-flight requests
 */
public record OpsConfig(
        boolean rateLimitEnabled,
        int rateLimitPerMinute,
        int rateLimitWriteBurst,
        Duration searchTimeout,
        Duration dumpTimeout,
        Duration shutdownGrace) {

    public OpsConfig {
        Objects.requireNonNull(searchTimeout, "searchTimeout is null");
        Objects.requireNonNull(dumpTimeout, "dumpTimeout is null");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace is null");
    }

    /** The defaults, as a plain jar without any setting runs. */
    public static OpsConfig defaults() {
        return from(new Env(java.util.Map.of()));
    }

    static OpsConfig from(Env e) {
        return new OpsConfig(
                e.bool("RATE_LIMIT_ENABLED", false),
                e.integer("RATE_LIMIT_PER_MINUTE", 100, 1, 1_000_000),
                e.integer("RATE_LIMIT_WRITE_BURST", 10, 1, 1_000_000),
                e.seconds("SEARCH_TIMEOUT_SECONDS", 60, 3600, false),
                e.seconds("DUMP_TIMEOUT_SECONDS", 0, 86_400, true),
                e.seconds("SHUTDOWN_GRACE_SECONDS", 30, 3600, true));
    }
}
