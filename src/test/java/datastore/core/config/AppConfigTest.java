package datastore.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void defaultsServeDuckDbOnPort8080WithAuthOn() {
        AppConfig c = AppConfig.from(Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.engine()).isEqualTo("duckdb");
        assertThat(c.authEnabled()).isTrue();
        assertThat(c.sqlSearchEnabled()).isTrue();
        assertThat(c.maxRequestBodyMb()).isEqualTo(100);
        assertThat(c.ckanUrl()).isNull();
        assertThat(c.redisUrl()).isNull();
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.rowsMax()).isEqualTo(32000);
    }

    @Test
    void everyVariableMapsToItsField() {
        AppConfig c = AppConfig.from(Map.ofEntries(
                Map.entry("PORT", "9000"),
                Map.entry("DATA_DIR", "/tmp/x"),
                Map.entry("APP_MESSAGE", "hi"),
                Map.entry("MAX_REQUEST_BODY_MB", "5"),
                Map.entry("DATASTORE_ENGINE", "DuckDB"),
                Map.entry("SQL_SEARCH_ENABLED", "false"),
                Map.entry("REDIS_URL", "redis://127.0.0.1:6379"),
                Map.entry("CKAN_URL", "http://ckan.example"),
                Map.entry("HTTP_TIMEOUT_SECONDS", "7"),
                Map.entry("AUTH_ENABLED", "no"),
                Map.entry("AUTH_CACHE_TTL", "60"),
                Map.entry("LOG_LEVEL", "DEBUG"),
                Map.entry("DATASTORE_DATABASE_URL", "postgresql://ckan:pw@db:5432/datastore")));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.appMessage()).isEqualTo("hi");
        assertThat(c.maxRequestBodyMb()).isEqualTo(5);
        assertThat(c.engine()).isEqualTo("duckdb");
        assertThat(c.sqlSearchEnabled()).isFalse();
        assertThat(c.redisUrl()).isEqualTo(URI.create("redis://127.0.0.1:6379"));
        assertThat(c.ckanUrl()).isEqualTo(URI.create("http://ckan.example"));
        assertThat(c.httpTimeoutSeconds()).isEqualTo(7);
        assertThat(c.authEnabled()).isFalse();
        assertThat(c.authCacheTtlSeconds()).isEqualTo(60);
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.databaseUrl()).isEqualTo("postgresql://ckan:pw@db:5432/datastore");
    }

    @Test
    void thePlainJarListensOnLoopbackUnlessHostSaysOtherwise() {
        assertThat(AppConfig.from(Map.of()).host()).isEqualTo("127.0.0.1");
        assertThat(AppConfig.from(Map.of("HOST", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> AppConfig.from(Map.of("HOST", "bad host/")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HOST");
    }

    @Test
    void thePostgresEngineNeedsAValidDatabaseUrl() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("DATASTORE_ENGINE", "postgres")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATASTORE_DATABASE_URL is required when DATASTORE_ENGINE=postgres");
        assertThatThrownBy(() ->
                        AppConfig.from(Map.of("DATASTORE_ENGINE", "postgres", "DATASTORE_DATABASE_URL", "mysql://x/y")))
                .hasMessageContaining("DATASTORE_DATABASE_URL must be a postgresql://");
        assertThat(AppConfig.from(Map.of(
                                "DATASTORE_ENGINE", "postgres",
                                "DATASTORE_DATABASE_URL", "jdbc:postgresql://127.0.0.1/datastore"))
                        .databaseUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1/datastore");
        assertThat(AppConfig.from(Map.of()).databaseUrl()).isNull();
    }

    @Test
    void badValuesAreReportedTogetherNamingEachVariable() {
        assertThatThrownBy(() -> AppConfig.from(Map.of(
                        "PORT",
                        "eighty",
                        "AUTH_ENABLED",
                        "maybe",
                        "CKAN_URL",
                        "not a url",
                        "LOG_LEVEL",
                        "loud",
                        "MAX_REQUEST_BODY_MB",
                        "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PORT")
                .hasMessageContaining("AUTH_ENABLED")
                .hasMessageContaining("CKAN_URL")
                .hasMessageContaining("LOG_LEVEL")
                .hasMessageContaining("MAX_REQUEST_BODY_MB");
    }

    @Test
    void anUnreadableAllowListFileIsRejected() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("SQL_FUNCTIONS_ALLOW_FILE", "/nonexistent/list.txt")))
                .hasMessageContaining("SQL_FUNCTIONS_ALLOW_FILE");
    }

    @Test
    void authSettingsDefaultToTokenModeWithAnonymousReads() {
        AppConfig c = AppConfig.from(Map.of());
        assertThat(c.authMode()).isEqualTo(AppConfig.AuthMode.TOKENS);
        assertThat(c.tokenSecret()).isNull();
        assertThat(c.tokenMaxTtlSeconds()).isZero();
        assertThat(c.authAnonymousRead()).isTrue();
        assertThat(c.authCacheTtlSeconds()).isEqualTo(300);
        assertThat(c.authDenyCacheTtlSeconds()).isEqualTo(30);
        assertThat(c.redisKeyPrefix()).isEqualTo("datastore:");
        assertThat(AppConfig.from(Map.of("AUTH_ENABLED", "false", "CKAN_URL", "http://ckan"))
                        .authMode())
                .isEqualTo(AppConfig.AuthMode.OPEN);
        assertThat(AppConfig.from(Map.of("CKAN_URL", "http://ckan")).authMode()).isEqualTo(AppConfig.AuthMode.CKAN);
    }

    @Test
    void authVariablesMapToTheirFields() {
        String secret = "x".repeat(32);
        AppConfig c = AppConfig.from(Map.of(
                "TOKEN_SECRET", secret,
                "TOKEN_MAX_TTL", "86400",
                "AUTH_ANONYMOUS_READ", "false",
                "AUTH_CACHE_TTL", "20",
                "AUTH_DENY_CACHE_TTL", "60",
                "REDIS_KEY_PREFIX", "ds-a:"));
        assertThat(java.util.Objects.requireNonNull(c.tokenSecret()).value()).isEqualTo(secret);
        assertThat(c.toString()).doesNotContain(secret).contains("redacted");
        assertThat(c.tokenMaxTtlSeconds()).isEqualTo(86400);
        assertThat(c.authAnonymousRead()).isFalse();
        assertThat(c.authDenyCacheTtlSeconds()).isEqualTo(60);
        assertThat(c.effectiveDenyCacheTtlSeconds()).isEqualTo(20);
        assertThat(c.redisKeyPrefix()).isEqualTo("ds-a:");
    }

    @Test
    void badAuthValuesAreReported() {
        assertThatThrownBy(() -> AppConfig.from(Map.of(
                        "TOKEN_SECRET",
                        "short",
                        "TOKEN_MAX_TTL",
                        "-1",
                        "AUTH_ANONYMOUS_READ",
                        "perhaps",
                        "AUTH_DENY_CACHE_TTL",
                        "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOKEN_SECRET must be at least 32")
                .hasMessageNotContaining("short")
                .hasMessageContaining("TOKEN_MAX_TTL")
                .hasMessageContaining("AUTH_ANONYMOUS_READ")
                .hasMessageContaining("AUTH_DENY_CACHE_TTL");
    }

    @Test
    void datasetteDatabaseCannotTakeAnotherSurfacesPathOrAnImpossibleName() {
        assertThat(AppConfig.from(Map.of()).datasetteDatabase()).isEqualTo("data");
        for (String bad : new String[] {"api", "-", "health", "a/b", "a.b", "a b"}) {
            assertThatThrownBy(() -> AppConfig.from(Map.of("DATASETTE_DATABASE", bad)))
                    .as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("DATASETTE_DATABASE");
        }
    }
}
