package datastore.api;

import datastore.api.endpoints.DatastoreActions;
import datastore.api.endpoints.DumpEndpoint;
import datastore.api.endpoints.HealthEndpoints;
import datastore.api.middleware.RequestId;
import datastore.core.errors.ApiException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The HTTP server: Javalin on virtual threads, the route table, request ids, access log, metrics, errors. */
public final class HttpServer implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("datastore.access");
    private static final String START = "datastore.start";
    private final Javalin app;

    public HttpServer(
            String host,
            int port,
            long maxBodyBytes,
            DatastoreActions actions,
            DumpEndpoint dump,
            HealthEndpoints health,
            PrometheusMeterRegistry metrics) {
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.prefer405over404 = true;
            // Our own BodyLimit enforces MAX_REQUEST_BODY_MB with a CKAN envelope; Javalin's must not cut first.
            config.http.maxRequestSize = maxBodyBytes + 1;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(ctx -> {
                String id = RequestId.from(ctx.header(RequestId.HEADER));
                ctx.attribute(START, System.nanoTime());
                ctx.header(RequestId.HEADER, id);
                MDC.put("requestId", id);
            });
            for (String prefix : new String[] {"/api/3/action/{action}", "/api/action/{action}"}) {
                config.routes.get(prefix, actions::handle);
                config.routes.post(prefix, actions::handle);
            }
            config.routes.get("/datastore/dump/{id}", dump::handle);
            config.routes.get("/", health::root);
            config.routes.get("/health", health::health);
            config.routes.get("/ready", health::ready);
            config.routes.get("/metrics", health::metrics);
            config.routes.exception(Exception.class, (e, ctx) -> ErrorMapper.write(ctx, e, action(ctx)));
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ActionSupport.ACTION_ATTRIBUTE) == null) {
                    ErrorMapper.write(ctx, ApiException.notFound("no such endpoint " + ctx.path()), null);
                    ctx.status(404);
                }
            });
            config.routes.error(405, ctx -> {
                ErrorMapper.write(
                        ctx,
                        ApiException.badRequest("Bad request - Method not allowed: "
                                + ctx.method().name()),
                        null);
                ctx.status(405);
            });
            config.routes.after(ctx -> {
                Long start = ctx.attribute(START);
                long nanos = start == null ? 0 : System.nanoTime() - start;
                String action = action(ctx);
                Timer.builder("datastore_requests")
                        .description("HTTP requests by action and status")
                        .tag("action", action == null ? "other" : action)
                        .tag("status", Integer.toString(ctx.statusCode()))
                        .publishPercentileHistogram(false)
                        .register(metrics)
                        .record(nanos, TimeUnit.NANOSECONDS);
                ACCESS.atInfo()
                        .addKeyValue("method", ctx.method().name())
                        .addKeyValue("path", ctx.path())
                        .addKeyValue("action", action)
                        .addKeyValue("status", ctx.statusCode())
                        .addKeyValue("ms", nanos / 1_000_000.0)
                        .log("request");
                MDC.remove("requestId");
            });
        });
    }

    private static String action(Context ctx) {
        return ctx.attribute(ActionSupport.ACTION_ATTRIBUTE);
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
