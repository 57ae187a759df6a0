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
import datastore.infrastructure.catalog.CatalogStore;
import datastore.infrastructure.catalog.JdbcCatalogStore;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineRegistry;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.ratelimit.Buckets;
import datastore.infrastructure.ratelimit.LocalBuckets;
import datastore.infrastructure.ratelimit.RedisBuckets;
import datastore.schemas.ckan.SearchRequest;
import datastore.services.HealthService;
import datastore.services.ReadinessCheck;
import datastore.services.catalog.CatalogResources;
import datastore.services.catalog.CatalogService;
import datastore.services.catalog.PackageCatalog;
import datastore.services.ratelimit.RateLimiter;
import datastore.services.read.ReadService;
import datastore.services.read.SqlService;
import datastore.services.sql.AllowList;
import datastore.services.sql.SqlGuard;
import datastore.services.tables.Tables;
import datastore.services.validation.CatalogRows;
import datastore.services.validation.DataTableLookup;
import datastore.services.validation.SchemaGate;
import datastore.services.validation.SchemaInvalidatingStore;
import datastore.services.write.WriteService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
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
            bindProcessMetrics(metrics, closeables);
            BodyLimit limit = new BodyLimit(config.maxRequestBodyMb());
            AuthGate gate = new AuthGate(auth.access());
            RateLimit rateLimit = rateLimit(config, gate, metrics, closeables);
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
            // Without an upstream CKAN, this service keeps the catalog, whose Table Schemas every write passes.
            CatalogStore catalogStore = config.ckanUrl() == null ? JdbcCatalogStore.openIfSupported(engine) : null;
            SchemaGate schemaGate =
                    catalogStore == null ? SchemaGate.none() : new SchemaGate(engine, DataTableLookup.of(catalogStore));
            AtomicReference<@Nullable PackageCatalog> packages = new AtomicReference<>();
            // Standalone, a resource that datastore_create makes is a data table of the service's catalog.
            WriteService write = new WriteService(
                    engine,
                    catalogStore == null
                            ? auth.catalog()
                            : new CatalogResources(() -> Objects.requireNonNull(packages.get(), "catalog not ready")),
                    schemaGate);
            CatalogService catalog = catalogStore == null
                    ? null
                    : new CatalogService(
                            new SchemaInvalidatingStore(catalogStore, schemaGate),
                            tables,
                            read,
                            write,
                            java.time.Clock.systemUTC());
            CkanSurface ckan = new CkanSurface(
                    limit,
                    gate,
                    tables,
                    read,
                    write,
                    sql,
                    new SearchRequest.Limits(config.rowsDefault(), config.rowsMax(), DEFAULT_LANGUAGE),
                    auth.tokens());
            if (catalog != null) {
                PackageCatalog served = new PackageCatalog(catalog, tables);
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
                            new HealthService(engine, config.appMessage(), version(), readiness(auth, closeables)),
                            metrics),
                    version());
            AtomicReference<RouteTable> table = new AtomicReference<>();
            List<Route> routes = new ArrayList<>(system.routes(table::get));
            routes.addAll(ckan.routes());
            if (catalog != null) {
                CatalogSurface catalogSurface = new CatalogSurface(catalog, limit, gate);
                routes.addAll(catalogSurface.routes());
                routes.addAll(catalogSurface.rowRoutes(
                        new CatalogRows(catalog, Objects.requireNonNull(catalogStore), tables, write, read)));
                routes.addAll(new RestEndpoints(Objects.requireNonNull(packages.get()), gate, limit).routes());
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
                            rateLimit,
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

    /** JVM (memory, GC, threads, class loading), processor and uptime figures in {@code /metrics}. */
    private static void bindProcessMetrics(MeterRegistry metrics, List<AutoCloseable> closeables) {
        new JvmMemoryMetrics().bindTo(metrics);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(metrics);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(metrics);
        new ClassLoaderMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
    }

    /** What {@code /ready} checks besides the engine: auth's dependencies, and Redis when limits live there. */
    private static List<ReadinessCheck> readiness(AuthWiring auth, List<AutoCloseable> closeables) {
        List<ReadinessCheck> checks = new ArrayList<>(auth.readiness());
        for (AutoCloseable c : closeables) {
            if (c instanceof RedisBuckets redis) {
                checks.add(new ReadinessCheck("redis", redis::ping));
            }
        }
        return checks;
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
