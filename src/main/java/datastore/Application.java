package datastore;

import datastore.api.ActionSupport;
import datastore.api.HttpServer;
import datastore.api.auth.AuthGate;
import datastore.api.endpoints.DatastoreActions;
import datastore.api.endpoints.DumpEndpoint;
import datastore.api.endpoints.HealthEndpoints;
import datastore.api.endpoints.TokenEndpoints;
import datastore.api.middleware.BodyLimit;
import datastore.core.config.AppConfig;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineRegistry;
import datastore.infrastructure.engines.StorageEngine;
import datastore.schemas.action.SearchRequest;
import datastore.services.HealthService;
import datastore.services.read.ReadService;
import datastore.services.read.SqlService;
import datastore.services.sql.AllowList;
import datastore.services.sql.SqlGuard;
import datastore.services.write.WriteService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/** The composition root: config → engine → services → HTTP server, and their orderly shutdown. */
public final class Application implements AutoCloseable {
    public static final String DEFAULT_LANGUAGE = "english";
    private final StorageEngine engine;
    private final HttpServer server;
    private final Optional<String> adminToken;
    private final List<AutoCloseable> closeables;

    private Application(
            StorageEngine engine, HttpServer server, Optional<String> adminToken, List<AutoCloseable> closeables) {
        this.engine = engine;
        this.server = server;
        this.adminToken = adminToken;
        this.closeables = List.copyOf(closeables);
    }

    /** Builds everything from the config and starts listening; {@code out} hears the one-time token. */
    public static Application start(AppConfig config, java.util.Map<String, String> env, PrintStream out) {
        StorageEngine engine = EngineRegistry.discover()
                .get(config.engine())
                .create(new EngineConfig(
                        config.dataDir(), env, config.databaseUrl().orElse(null)));
        List<AutoCloseable> closeables = new ArrayList<>();
        try {
            AuthWiring auth = AuthWiring.build(config, out);
            closeables.addAll(auth.closeables());
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            BodyLimit limit = new BodyLimit(config.maxRequestBodyMb());
            ActionSupport support = new ActionSupport(limit);
            AuthGate gate = new AuthGate(auth.access());
            ReadService read = new ReadService(engine);
            Optional<SqlService> sql = Optional.empty();
            if (config.sqlSearchEnabled()) {
                SqlGuard guard = new SqlGuard(
                        AllowList.load(config.sqlFunctionsAllowFile(), engine.allowedFunctionsResource()),
                        config.sqlMaxConcurrent(),
                        SqlGuard.DEFAULT_PARSE_TIMEOUT);
                sql = Optional.of(new SqlService(
                        engine,
                        guard,
                        new SqlService.Limits(
                                config.rowsMax(),
                                Duration.ofSeconds(config.sqlTimeoutSeconds()),
                                config.sqlMaxLength(),
                                config.sqlResultMaxBytes(),
                                config.sqlValueMaxBytes(),
                                config.sqlMaxConcurrent())));
            }
            DatastoreActions actions = new DatastoreActions(
                    support,
                    gate,
                    read,
                    new WriteService(engine, auth.catalog()),
                    sql,
                    new SearchRequest.Limits(config.rowsDefault(), config.rowsMax(), DEFAULT_LANGUAGE),
                    auth.tokens().map(t -> new TokenEndpoints(support, gate, t)));
            HealthEndpoints health = new HealthEndpoints(
                    support, new HealthService(engine, config.appMessage(), version(), auth.readiness()), metrics);
            HttpServer server = new HttpServer(
                            "0.0.0.0",
                            config.port(),
                            limit.maxBytes(),
                            actions,
                            new DumpEndpoint(gate, read, DEFAULT_LANGUAGE),
                            health,
                            metrics)
                    .start();
            return new Application(engine, server, auth.adminToken(), closeables);
        } catch (RuntimeException e) {
            closeAll(closeables);
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
            closeAll(closeables);
            engine.close();
        }
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Application.class)
                        .atWarn()
                        .setCause(e)
                        .log("closing " + c.getClass().getSimpleName() + " failed");
            }
        }
    }
}
