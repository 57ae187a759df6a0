package datastore;

import datastore.api.HttpServer;
import datastore.api.Route;
import datastore.api.RouteTable;
import datastore.api.auth.AuthGate;
import datastore.api.catalog.CatalogSurface;
import datastore.api.ckan.CkanSurface;
import datastore.api.ckan.RestEndpoints;
import datastore.api.datasette.DatasetteServices;
import datastore.api.datasette.DatasetteSettings;
import datastore.api.datasette.DatasetteSurface;
import datastore.api.middleware.BodyLimit;
import datastore.api.middleware.RateLimit;
import datastore.api.middleware.RequestMetrics;
import datastore.api.system.HealthEndpoints;
import datastore.api.system.SystemSurface;
import datastore.core.config.AppConfig;
import datastore.core.config.OpsConfig;
import datastore.infrastructure.catalog.JdbcCatalogStore;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineRegistry;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.ratelimit.Buckets;
import datastore.infrastructure.ratelimit.LocalBuckets;
import datastore.infrastructure.ratelimit.RedisBuckets;
import datastore.schemas.ckan.SearchRequest;
import datastore.services.HealthService;
import datastore.services.catalog.CatalogResources;
import datastore.services.catalog.CatalogService;
import datastore.services.catalog.PackageCatalog;
import datastore.services.ratelimit.RateLimiter;
import datastore.services.read.ReadService;
import datastore.services.read.SqlService;
import datastore.services.sql.AllowList;
import datastore.services.sql.SqlGuard;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** The composition root: config → engine → services → HTTP server, and their orderly shutdown. */
public final class Application implements AutoCloseable {
    public static final String DEFAULT_LANGUAGE = "english";
    /** The site title {@code status_show} reports when the service keeps its own catalog. */
    static final String SITE_TITLE = "Datastore";
    /** Datasette's own defaults for default_page_size and max_returned_rows. */
    private static final int DATASETTE_PAGE_SIZE = 100;

    private static final int DATASETTE_MAX_ROWS = 1000;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    private final StorageEngine engine;
    private final HttpServer server;
    private final @Nullable String adminToken;
    private final List<AutoCloseable> closeables;
    private final RouteTable routes;

    private Application(
            StorageEngine engine,
            HttpServer server,
            RouteTable routes,
            @Nullable String adminToken,
            List<AutoCloseable> closeables) {
        this.engine = engine;
        this.server = server;
        this.routes = routes;
        this.adminToken = adminToken;
        this.closeables = List.copyOf(closeables);
    }

    /**
     * Builds everything from the config and starts listening; {@code out} (the console, not the log
     * stream) hears the one-time admin token, after the port is bound.
     */
    public static Application start(AppConfig config, java.util.Map<String, String> env, PrintStream out) {
        StorageEngine engine = EngineRegistry.discover()
                .get(config.engine())
                .create(new EngineConfig(config.dataDir(), env, config.databaseUrl()));
        List<AutoCloseable> closeables = new ArrayList<>();
        try {
            // What auth has to tell the operator (the first admin token) waits until the port is bound.
            java.io.ByteArrayOutputStream notices = new java.io.ByteArrayOutputStream();
            AuthWiring auth =
                    AuthWiring.build(config, new PrintStream(notices, true, java.nio.charset.StandardCharsets.UTF_8));
            closeables.addAll(auth.closeables());
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            BodyLimit limit = new BodyLimit(config.maxRequestBodyMb());
            AuthGate gate = new AuthGate(auth.access());
            ReadService read = new ReadService(
                    engine,
                    new ReadService.Timeouts(
                            config.ops().searchTimeout(),
                            config.ops().dumpTimeout().isZero()
                                    ? null
                                    : config.ops().dumpTimeout()));
            SqlService sql = null;
            if (config.sqlSearchEnabled()) {
                SqlGuard guard = new SqlGuard(
                        AllowList.load(config.sqlFunctionsAllowFile(), engine.allowedFunctionsResource()),
                        config.sqlMaxConcurrent(),
                        SqlGuard.DEFAULT_PARSE_TIMEOUT);
                sql = new SqlService(
                        engine,
                        guard,
                        new SqlService.Limits(
                                config.rowsMax(),
                                Duration.ofSeconds(config.sqlTimeoutSeconds()),
                                config.sqlMaxLength(),
                                config.sqlResultMaxBytes(),
                                config.sqlValueMaxBytes(),
                                config.sqlMaxConcurrent()));
            }
            Tables tables = new Tables(engine);
            AtomicReference<@Nullable PackageCatalog> packages = new AtomicReference<>();
            // Standalone, a resource that datastore_create makes is a data table of the service's catalog.
            WriteService write = new WriteService(
                    engine,
                    config.ckanUrl() != null
                            ? auth.catalog()
                            : new CatalogResources(() -> Objects.requireNonNull(packages.get(), "catalog not ready")));
            // Without an upstream CKAN, this service keeps the catalog (apps, data sources, tables).
            CatalogService catalog = config.ckanUrl() != null
                    ? null
                    : new CatalogService(JdbcCatalogStore.open(engine), tables, write, java.time.Clock.systemUTC());
            CkanSurface ckan = new CkanSurface(
                    limit,
                    gate,
                    tables,
                    read,
                    write,
                    sql,
                    new SearchRequest.Limits(config.rowsDefault(), config.rowsMax(), DEFAULT_LANGUAGE),
                    auth.tokens());
            if (config.ckanUrl() == null) {
                PackageCatalog served = new PackageCatalog(Objects.requireNonNull(catalog), tables);
                packages.set(served);
                ckan.serveCatalog(served, SITE_TITLE, List.of("datastore"));
            }
            DatasetteSurface datasette = new DatasetteSurface(
                    new DatasetteServices(
                            new DatasetteSettings(
                                    config.datasetteDatabase(),
                                    DATASETTE_PAGE_SIZE,
                                    DATASETTE_MAX_ROWS,
                                    config.datasetteMaxInsertRows(),
                                    limit.maxBytes(),
                                    config.datasetteAllowSignedTokens()),
                            limit,
                            gate,
                            tables,
                            read,
                            write,
                            sql,
                            auth.tokens()),
                    version());
            SystemSurface system = new SystemSurface(
                    new HealthEndpoints(
                            new HealthService(engine, config.appMessage(), version(), auth.readiness()), metrics),
                    version());
            AtomicReference<RouteTable> table = new AtomicReference<>();
            List<Route> routes = new ArrayList<>(system.routes(table::get));
            routes.addAll(ckan.routes());
            if (config.ckanUrl() == null) {
                routes.addAll(new RestEndpoints(Objects.requireNonNull(packages.get()), gate, limit).routes());
                routes.addAll(new CatalogSurface(Objects.requireNonNull(catalog), limit, gate).routes());
            }
            // Last: Datasette's /{db}/… paths would otherwise shadow the other surfaces' paths.
            routes.addAll(datasette.routes());
            table.set(new RouteTable(routes));
            HttpServer server = new HttpServer(
                            config.host(),
                            config.port(),
                            limit.maxBytes(),
                            table.get(),
                            CkanSurface.ERRORS,
                            new RequestMetrics(metrics),
                            rateLimit(config, gate, metrics, closeables),
                            config.ops().shutdownGrace())
                    .start();
            out.print(notices.toString(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            return new Application(engine, server, table.get(), auth.adminToken(), closeables);
        } catch (RuntimeException e) {
            closeAll(closeables);
            engine.close();
            throw e;
        }
    }

    /** The rate limit middleware when {@code RATE_LIMIT_ENABLED}: buckets in Redis with {@code REDIS_URL}. */
    private static @Nullable RateLimit rateLimit(
            AppConfig config, AuthGate gate, MeterRegistry metrics, List<AutoCloseable> closeables) {
        OpsConfig ops = config.ops();
        if (!ops.rateLimitEnabled()) {
            return null;
        }
        URI redis = config.redisUrl();
        Buckets buckets = redis == null
                ? new LocalBuckets(Duration.ofMinutes(2), 1_000_000)
                : new RedisBuckets(redis, config.redisKeyPrefix(), REDIS_TIMEOUT);
        closeables.add(buckets);
        return new RateLimit(
                new RateLimiter(buckets, ops.rateLimitPerMinute(), ops.rateLimitWriteBurst()), gate, metrics);
    }

    /** The build's version, or {@code dev} when run from classes. */
    public static String version() {
        String v = Application.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public int port() {
        return server.port();
    }

    /** Every route the server registered, in matching order. */
    public RouteTable routes() {
        return routes;
    }

    /** The admin token printed at first start (own-token mode only). */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
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
