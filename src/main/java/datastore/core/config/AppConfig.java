package datastore.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of the service, read once from the environment and validated together.
 *
 * @param host the address to listen on: loopback by default, so a plain jar is not reachable from the network
 * @param engine name of the storage engine; checked against the discovered engines at start-up
 * @param databaseUrl the PostgreSQL address (libpq or JDBC form) the postgres engine serves from
 * @param tokenMaxTtlSeconds longest lifetime of an own API token; 0 = no limit
 * @param authDenyCacheTtlSeconds how long a CKAN denial is cached (never longer than the allow TTL)
 * @param sqlMaxLength longest datastore_search_sql text accepted, in characters; longer is refused unparsed
 * @param sqlResultMaxBytes largest datastore_search_sql result (estimated JSON bytes) returned
 * @param sqlValueMaxBytes largest single value a datastore_search_sql result may hold (bytes of its text)
 * @param sqlMaxConcurrent datastore_search_sql queries (and parses) running at once; others wait
 * @param datasetteDatabase the Datasette API's name for the database holding every table
 * @param datasetteMaxInsertRows the most rows one Datasette insert or upsert may carry
 * @param datasetteAllowSignedTokens whether the Datasette API accepts signed (stateless) tokens
 * @param datasetteSecret Datasette's {@code --secret}: with it, tokens minted by {@code datasette create-token}
 *     ({@code dstok_…}) are accepted in own-token mode
 * @param ops rate limits, time limits and shutdown
 * @param trino the cluster the trino engine serves from ({@code TRINO_*}); null when {@code TRINO_URL} is unset
 */
public record AppConfig(
        String host,
        int port,
        Path dataDir,
        String appMessage,
        int maxRequestBodyMb,
        String engine,
        @Nullable Path sqlFunctionsAllowFile,
        boolean sqlSearchEnabled,
        @Nullable URI redisUrl,
        @Nullable URI ckanUrl,
        int httpTimeoutSeconds,
        boolean authEnabled,
        int authCacheTtlSeconds,
        String logLevel,
        int rowsDefault,
        int rowsMax,
        int sqlTimeoutSeconds,
        @Nullable String databaseUrl,
        @Nullable Secret tokenSecret,
        int tokenMaxTtlSeconds,
        boolean authAnonymousRead,
        int authDenyCacheTtlSeconds,
        String redisKeyPrefix,
        int sqlMaxLength,
        int sqlResultMaxBytes,
        int sqlValueMaxBytes,
        int sqlMaxConcurrent,
        String datasetteDatabase,
        int datasetteMaxInsertRows,
        boolean datasetteAllowSignedTokens,
        @Nullable Secret datasetteSecret,
        OpsConfig ops,
        @Nullable TrinoSettings trino) {

    /** First path segments other routes use, so no Datasette database may be named so. */
    public static final Set<String> RESERVED_FIRST_SEGMENTS =
            Set.of("api", "datastore", "health", "ready", "metrics", "docs", "openapi.json", "-");

    public static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    public static final int MIN_TOKEN_SECRET_LENGTH = 32;
    public static final int MAX_TOKEN_TTL_SECONDS = 10 * 366 * 86_400;

    public AppConfig {
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(engine, "engine is null");
        Objects.requireNonNull(ops, "ops is null");
    }

    /** Reads and validates the environment; throws {@link ConfigException} naming every bad variable. */
    public static AppConfig from(Map<String, String> env) {
        Env e = new Env(env);
        AppConfig config = new AppConfig(
                e.string("HOST", "127.0.0.1"),
                e.integer("PORT", 8080, 0, 65535),
                e.path("DATA_DIR").orElse(Path.of("data")),
                e.string("APP_MESSAGE", "Datastore: a CKAN-compatible DataStore"),
                e.integer("MAX_REQUEST_BODY_MB", 100, 1, 4096),
                e.string("DATASTORE_ENGINE", "duckdb").toLowerCase(java.util.Locale.ROOT),
                e.path("SQL_FUNCTIONS_ALLOW_FILE").orElse(null),
                e.bool("SQL_SEARCH_ENABLED", true),
                e.url("REDIS_URL", Set.of("redis", "rediss")).orElse(null),
                e.url("CKAN_URL", Set.of("http", "https")).orElse(null),
                e.integer("HTTP_TIMEOUT_SECONDS", 30, 1, 3600),
                e.bool("AUTH_ENABLED", true),
                e.integer("AUTH_CACHE_TTL", 300, 0, 86_400),
                e.oneOf("LOG_LEVEL", "info", LOG_LEVELS),
                e.integer("ROWS_DEFAULT", 100, 0, 32_000),
                e.integer("ROWS_MAX", 32_000, 1, 1_000_000),
                e.integer("SQL_TIMEOUT_SECONDS", 60, 1, 3600),
                e.raw("DATASTORE_DATABASE_URL").orElse(null),
                e.raw("TOKEN_SECRET").map(Secret::new).orElse(null),
                e.integer("TOKEN_MAX_TTL", 0, 0, MAX_TOKEN_TTL_SECONDS),
                e.bool("AUTH_ANONYMOUS_READ", true),
                e.integer("AUTH_DENY_CACHE_TTL", 30, 0, 86_400),
                e.string("REDIS_KEY_PREFIX", "datastore:"),
                e.integer("SQL_MAX_LENGTH", 100_000, 1, 10_000_000),
                e.integer("SQL_RESULT_MAX_BYTES", 32 << 20, 1024, Integer.MAX_VALUE),
                e.integer("SQL_VALUE_MAX_BYTES", 8 << 20, 1024, Integer.MAX_VALUE),
                e.integer("SQL_MAX_CONCURRENT", 2, 1, 256),
                e.string("DATASETTE_DATABASE", "data"),
                e.integer("DATASETTE_MAX_INSERT_ROWS", 100_000, 1, 10_000_000),
                e.bool("DATASETTE_ALLOW_SIGNED_TOKENS", true),
                e.raw("DATASETTE_SECRET").map(Secret::new).orElse(null),
                OpsConfig.from(e),
                TrinoSettings.from(e).orElse(null));
        String databaseUrl = config.databaseUrl();
        if (databaseUrl != null) {
            try {
                DatabaseUrl.parse(databaseUrl);
            } catch (IllegalArgumentException bad) {
                e.problem("DATASTORE_DATABASE_URL " + bad.getMessage());
            }
        }
        if (config.engine().equals("postgres") && databaseUrl == null) {
            e.problem("DATASTORE_DATABASE_URL is required when DATASTORE_ENGINE=postgres"
                    + " (e.g. postgresql://user:password@localhost:5432/datastore)");
        }
        if (config.engine().equals("trino")
                && config.trino() == null
                && e.raw("TRINO_URL").isEmpty()) {
            e.problem("TRINO_URL is required when DATASTORE_ENGINE=trino"
                    + " (e.g. jdbc:trino://127.0.0.1:8080/iceberg/datastore?user=datastore; scripts/trino-local start"
                    + " prints one)");
        }
        Secret secret = config.tokenSecret();
        if (secret != null && secret.value().length() < MIN_TOKEN_SECRET_LENGTH) {
            e.problem("TOKEN_SECRET must be at least " + MIN_TOKEN_SECRET_LENGTH
                    + " characters long (generate one with: openssl rand -base64 32)");
        }
        Path allowFile = config.sqlFunctionsAllowFile();
        if (allowFile != null && !java.nio.file.Files.isReadable(allowFile)) {
            e.problem("SQL_FUNCTIONS_ALLOW_FILE points to a file that cannot be read: " + allowFile);
        }
        if (config.host().isBlank() || !config.host().matches("[A-Za-z0-9.:\\[\\]%_-]+")) {
            e.problem("HOST must be a host name or an IP address to listen on (e.g. 127.0.0.1 or 0.0.0.0)");
        }
        if (config.sqlValueMaxBytes() > config.sqlResultMaxBytes()) {
            e.problem("SQL_VALUE_MAX_BYTES must not exceed SQL_RESULT_MAX_BYTES");
        }
        if (!config.datasetteDatabase().matches("[^/.\\p{Cntrl}~%\\s]{1,63}")
                || RESERVED_FIRST_SEGMENTS.contains(config.datasetteDatabase())) {
            e.problem("DATASETTE_DATABASE must be 1 to 63 characters without /, ., ~, %, blanks or control"
                    + " characters, and not one of "
                    + String.join(", ", new java.util.TreeSet<>(RESERVED_FIRST_SEGMENTS)));
        }
        if (config.rowsDefault() > config.rowsMax()) {
            e.problem("ROWS_DEFAULT must not exceed ROWS_MAX");
        }
        if (!e.problems().isEmpty()) {
            throw new ConfigException(e.problems());
        }
        return config;
    }

    /** The three authorisation modes of the mode matrix. */
    public enum AuthMode {
        OPEN,
        TOKENS,
        CKAN
    }

    /** {@code AUTH_ENABLED=false} → open; true without {@code CKAN_URL} → own tokens; with it → CKAN. */
    public AuthMode authMode() {
        if (!authEnabled) {
            return AuthMode.OPEN;
        }
        return ckanUrl != null ? AuthMode.CKAN : AuthMode.TOKENS;
    }

    /** Seconds a CKAN denial is cached: the deny TTL, capped by the allow TTL. */
    public int effectiveDenyCacheTtlSeconds() {
        return Math.min(authDenyCacheTtlSeconds, authCacheTtlSeconds);
    }
}
