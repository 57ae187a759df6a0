package datastore.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the service, read once from the environment and validated together.
 *
 * @param engine name of the storage engine; checked against the discovered engines at start-up
 * @param databaseUrl the PostgreSQL address (libpq or JDBC form) the postgres engine serves from
 */
public record AppConfig(
        int port,
        Path dataDir,
        String appMessage,
        int maxRequestBodyMb,
        String engine,
        Optional<Path> sqlFunctionsAllowFile,
        boolean sqlSearchEnabled,
        Optional<URI> redisUrl,
        Optional<URI> ckanUrl,
        int httpTimeoutSeconds,
        boolean authEnabled,
        int authCacheTtlSeconds,
        String logLevel,
        int rowsDefault,
        int rowsMax,
        int sqlTimeoutSeconds,
        Optional<String> databaseUrl) {

    public static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    public AppConfig {
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(engine, "engine is null");
        Objects.requireNonNull(databaseUrl, "databaseUrl is null");
    }

    /** Reads and validates the environment; throws {@link ConfigException} naming every bad variable. */
    public static AppConfig from(Map<String, String> env) {
        Env e = new Env(env);
        AppConfig config = new AppConfig(
                e.integer("PORT", 8080, 0, 65535),
                e.path("DATA_DIR").orElse(Path.of("data")),
                e.string("APP_MESSAGE", "Datastore: a CKAN-compatible DataStore"),
                e.integer("MAX_REQUEST_BODY_MB", 100, 1, 4096),
                e.string("DATASTORE_ENGINE", "duckdb").toLowerCase(java.util.Locale.ROOT),
                e.path("SQL_FUNCTIONS_ALLOW_FILE"),
                e.bool("SQL_SEARCH_ENABLED", true),
                e.url("REDIS_URL", Set.of("redis", "rediss")),
                e.url("CKAN_URL", Set.of("http", "https")),
                e.integer("HTTP_TIMEOUT_SECONDS", 30, 1, 3600),
                e.bool("AUTH_ENABLED", true),
                e.integer("AUTH_CACHE_TTL", 300, 0, 86_400),
                e.oneOf("LOG_LEVEL", "info", LOG_LEVELS),
                e.integer("ROWS_DEFAULT", 100, 0, 32_000),
                e.integer("ROWS_MAX", 32_000, 1, 1_000_000),
                e.integer("SQL_TIMEOUT_SECONDS", 60, 1, 3600),
                e.raw("DATASTORE_DATABASE_URL"));
        config.databaseUrl().ifPresent(url -> {
            try {
                DatabaseUrl.parse(url);
            } catch (IllegalArgumentException bad) {
                e.problem("DATASTORE_DATABASE_URL " + bad.getMessage());
            }
        });
        if (config.engine().equals("postgres") && config.databaseUrl().isEmpty()) {
            e.problem("DATASTORE_DATABASE_URL is required when DATASTORE_ENGINE=postgres"
                    + " (e.g. postgresql://user:password@localhost:5432/datastore)");
        }
        config.sqlFunctionsAllowFile().ifPresent(p -> {
            if (!java.nio.file.Files.isReadable(p)) {
                e.problem("SQL_FUNCTIONS_ALLOW_FILE points to a file that cannot be read: " + p);
            }
        });
        if (config.rowsDefault() > config.rowsMax()) {
            e.problem("ROWS_DEFAULT must not exceed ROWS_MAX");
        }
        if (!e.problems().isEmpty()) {
            throw new ConfigException(e.problems());
        }
        return config;
    }
}
