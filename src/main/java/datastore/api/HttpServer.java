package datastore.api;

import datastore.api.middleware.AccessLog;
import datastore.api.middleware.RateLimit;
import datastore.api.middleware.RequestId;
import datastore.api.middleware.RequestMetrics;
import datastore.api.middleware.ServerErrors;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.services.ratelimit.RouteClass;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server, wiring only: registers the route table on Javalin (virtual threads), answers every
 * method a path does not serve with 405 and {@code Allow}, and runs the middleware around each call.
 */
public final class HttpServer implements AutoCloseable {
    private static final String START = "datastore.start";
    private static final String OPERATION = "datastore.operation";
    /** Methods a path that does not list them answers with 405; GET falls through to catch-all routes. */
    private static final List<HandlerType> REFUSED =
            List.of(HandlerType.HEAD, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private static final List<HandlerType> ALL_REFUSED = List.of(
            HandlerType.GET,
            HandlerType.POST,
            HandlerType.HEAD,
            HandlerType.PUT,
            HandlerType.PATCH,
            HandlerType.DELETE);

    private final Javalin app;

    /**
     * @param defaultErrors how errors outside any route are answered (unknown paths, methods, failures
     *     before routing)
     */
    public HttpServer(
            String host,
            int port,
            long maxBodyBytes,
            RouteTable table,
            ErrorWriter defaultErrors,
            RequestMetrics metrics,
            @Nullable RateLimit rateLimit,
            java.time.Duration shutdownGrace) {
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.prefer405over404 = true;
            // BodyLimit enforces MAX_REQUEST_BODY_MB with a CKAN envelope; Javalin's must not cut first.
            config.http.maxRequestSize = maxBodyBytes + 1;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ServerErrors());
                // Stopping refuses new connections and lets in-flight requests finish, for up to the grace
                // period: Javalin places its servlet handler inside this one.
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(shutdownGrace.toMillis());
            });
            // A StackOverflowError or OutOfMemoryError from one request answers that request, not an empty 500.
            config.router.javaLangErrorHandler((res, error) -> {
                LoggerFactory.getLogger(HttpServer.class)
                        .atError()
                        .setCause(error)
                        .log("request failed");
                if (!res.isCommitted()) {
                    res.reset();
                    res.setStatus(500);
                    res.setContentType("application/json;charset=utf-8");
                    try {
                        res.getOutputStream().write(ServerErrors.envelope(500, "the request could not be completed"));
                    } catch (java.io.IOException e) {
                        // The client is gone; there is no one to answer.
                    }
                }
            });
            config.routes.before(ctx -> {
                ctx.attribute(START, System.nanoTime());
                RequestId.before(ctx);
            });
            for (Map.Entry<String, Set<HandlerType>> path :
                    table.methodsByPath().entrySet()) {
                for (Route route : table.routes()) {
                    if (route.path().equals(path.getKey())) {
                        RouteClass kind = RateLimit.classify(route, table);
                        @Nullable RateLimit limit = rateLimit != null && RateLimit.limited(route) ? rateLimit : null;
                        config.routes.addHttpHandler(route.method(), route.path(), ctx -> run(route, ctx, limit, kind));
                        if (route.method().equals(HandlerType.GET)
                                && !path.getValue().contains(HandlerType.HEAD)) {
                            config.routes.addHttpHandler(
                                    HandlerType.HEAD, route.path(), ctx -> run(route, ctx, limit, kind));
                        }
                    }
                }
                Set<HandlerType> allowed = new LinkedHashSet<>(path.getValue());
                if (allowed.contains(HandlerType.GET)) {
                    allowed.add(HandlerType.HEAD);
                }
                String allow = allowed.stream().map(HandlerType::name).collect(Collectors.joining(", "));
                ErrorWriter refusals = table.routes().stream()
                        .filter(r -> r.path().equals(path.getKey()))
                        .map(Route::errors)
                        .filter(ErrorWriter::answersMethodErrors)
                        .findFirst()
                        .orElse(defaultErrors);
                // A surface that answers its own 405s gets them for every method, GET and POST included.
                List<HandlerType> refused = refusals == defaultErrors ? REFUSED : ALL_REFUSED;
                for (HandlerType method : refused) {
                    if (!allowed.contains(method)) {
                        config.routes.addHttpHandler(
                                method, path.getKey(), ctx -> refuse(ctx, method, allow, refusals));
                    }
                }
            }
            config.routes.exception(
                    Exception.class,
                    (e, ctx) -> defaultErrors.write(ctx, e, Objects.requireNonNullElse(operation(ctx), "")));
            config.routes.error(404, ctx -> {
                if (ctx.attribute(OPERATION) == null) {
                    defaultErrors.write(ctx, ApiException.notFound("no such endpoint " + ctx.path()), "");
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.attribute(OPERATION) == null) {
                    defaultErrors.write(ctx, methodNotAllowed(ctx.method()), "");
                }
            });
            config.routes.after(ctx -> {
                Long start = ctx.attribute(START);
                long nanos = start == null ? 0 : System.nanoTime() - start;
                metrics.record(ctx, operation(ctx), nanos);
                AccessLog.log(ctx, operation(ctx), nanos, ctx.attribute(ErrorWriter.ERROR_ATTRIBUTE));
                RequestId.after(ctx);
            });
        });
    }

    private static void run(Route route, Context ctx, @Nullable RateLimit limit, RouteClass kind) throws Exception {
        ctx.attribute(OPERATION, route.operation());
        try {
            if (limit != null) {
                limit.check(ctx, kind);
            }
            route.handler().handle(ctx);
        } catch (Exception e) {
            if (ctx.res().isCommitted()) {
                throw e;
            }
            ctx.res().resetBuffer();
            route.errors().write(ctx, e, route.operation());
        }
    }

    private static void refuse(Context ctx, HandlerType method, String allow, ErrorWriter errors) {
        ctx.attribute(OPERATION, "method_not_allowed");
        ctx.header("Allow", allow);
        errors.write(ctx, methodNotAllowed(method), "");
    }

    private static ApiException methodNotAllowed(HandlerType method) {
        return ApiException.of(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed: " + method.name());
    }

    private static @Nullable String operation(Context ctx) {
        return ctx.attribute(OPERATION);
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Stops accepting, waits for in-flight requests up to the grace period, then stops. */
    @Override
    public void close() {
        app.stop();
    }
}
