package datastore;

import datastore.api.ActionSupport;
import datastore.api.HttpServer;
import datastore.api.auth.AuthGate;
import datastore.api.endpoints.DatastoreActions;
import datastore.api.endpoints.DumpEndpoint;
import datastore.api.endpoints.HealthEndpoints;
import datastore.api.middleware.BodyLimit;
import datastore.core.config.AppConfig;
import datastore.core.config.ConfigException;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineRegistry;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.secrets.SecretStore;
import datastore.schemas.action.SearchRequest;
import datastore.services.HealthService;
import datastore.services.auth.AccessService;
import datastore.services.auth.OpenAccess;
import datastore.services.auth.TokenAccess;
import datastore.services.read.ReadService;
import datastore.services.read.SqlService;
import datastore.services.sql.AllowList;
import datastore.services.sql.SqlGuard;
import datastore.services.write.WriteService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The composition root: config → engine → services → HTTP server, and their orderly shutdown. */
public final class Application implements AutoCloseable {
    public static final String DEFAULT_LANGUAGE = "english";
    private final StorageEngine engine;
    private final HttpServer server;
    private final Optional<String> adminToken;

    private Application(StorageEngine engine, HttpServer server, Optional<String> adminToken) {
        this.engine = engine;
        this.server = server;
        this.adminToken = adminToken;
    }

    /** Builds everything from the config and starts listening; {@code out} hears the one-time token. */
    public static Application start(AppConfig config, java.util.Map<String, String> env, PrintStream out) {
        if (config.authEnabled() && config.ckanUrl().isPresent()) {
            throw new ConfigException(List.of("CKAN_URL is set with AUTH_ENABLED=true, but authorisation through"
                    + " CKAN's datastore_authorize is not available in this version: unset CKAN_URL to use the"
                    + " service's own tokens, or set AUTH_ENABLED=false"));
        }
        StorageEngine engine = EngineRegistry.discover()
                .get(config.engine())
                .create(new EngineConfig(config.dataDir(), config.sqlFunctionsAllowFile(), env, config.databaseUrl()));
        try {
            Optional<String> adminToken = Optional.empty();
            AccessService access;
            if (config.authEnabled()) {
                SecretStore secrets = new SecretStore(config.dataDir());
                TokenAccess tokens = new TokenAccess(secrets.readOrCreate("token.secret", TokenAccess::newSecret)
                        .value());
                SecretStore.Created admin = secrets.readOrCreate(
                        "admin.token", () -> tokens.issue("admin", Instant.now().getEpochSecond()));
                if (admin.created()) {
                    out.println("Admin API token (shown once; kept in " + secrets.path("admin.token") + "): "
                            + admin.value());
                }
                adminToken = Optional.of(admin.value());
                access = tokens;
            } else {
                access = new OpenAccess();
            }
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            BodyLimit limit = new BodyLimit(config.maxRequestBodyMb());
            ActionSupport support = new ActionSupport(limit);
            AuthGate gate = new AuthGate(access);
            ReadService read = new ReadService(engine);
            Optional<SqlService> sql = Optional.empty();
            if (config.sqlSearchEnabled()) {
                SqlGuard guard =
                        new SqlGuard(AllowList.load(config.sqlFunctionsAllowFile(), engine.allowedFunctionsResource()));
                sql = Optional.of(new SqlService(
                        engine, guard, config.rowsMax(), Duration.ofSeconds(config.sqlTimeoutSeconds())));
            }
            DatastoreActions actions = new DatastoreActions(
                    support,
                    gate,
                    read,
                    new WriteService(engine),
                    sql,
                    new SearchRequest.Limits(config.rowsDefault(), config.rowsMax(), DEFAULT_LANGUAGE));
            HealthEndpoints health =
                    new HealthEndpoints(support, new HealthService(engine, config.appMessage(), version()), metrics);
            HttpServer server = new HttpServer(
                            "0.0.0.0",
                            config.port(),
                            limit.maxBytes(),
                            actions,
                            new DumpEndpoint(gate, read, DEFAULT_LANGUAGE),
                            health,
                            metrics)
                    .start();
            return new Application(engine, server, adminToken);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    static String version() {
        String v = Application.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public int port() {
        return server.port();
    }

    public Optional<String> adminToken() {
        return adminToken;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            engine.close();
        }
    }
}
