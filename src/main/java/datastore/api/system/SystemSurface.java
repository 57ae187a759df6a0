package datastore.api.system;

import datastore.api.ErrorWriter;
import datastore.api.Route;
import datastore.api.RouteTable;
import datastore.api.ckan.CkanErrorWriter;
import datastore.api.ckan.CkanResponses;
import datastore.core.json.JsonMappers;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The service's own routes: status, liveness, readiness, metrics, the OpenAPI document of every route
 * and its explorer at {@code /docs}.
 */
public final class SystemSurface {
    public static final String NAME = "system";
    private static final ErrorWriter ERRORS = new CkanErrorWriter();
    private final HealthEndpoints health;
    private final String version;
    private final DocsEndpoints docs = new DocsEndpoints();

    public SystemSurface(HealthEndpoints health, String version) {
        this.health = health;
        this.version = version;
    }

    /** The routes; {@code table} is the finished table the OpenAPI document describes. */
    public List<Route> routes(Supplier<RouteTable> table) {
        List<Route> routes = new ArrayList<>();
        routes.add(get("/", "status_show", "What the service is and runs on.", health::root));
        routes.add(get("/health", "health", "Liveness: the process answers.", health::health));
        routes.add(get("/ready", "ready", "Readiness: the engine and CKAN (when used) answer.", health::ready));
        routes.add(get("/metrics", "metrics", "Prometheus metrics.", health::metrics));
        routes.add(get("/openapi.json", "openapi", "This document: every route of every surface.", ctx -> {
            ctx.contentType("application/json;charset=utf-8");
            ctx.result(JsonMappers.standard()
                    .writeValueAsString(OpenApiDocument.of(table.get(), CkanResponses.site(ctx), version)));
        }));
        routes.add(get("/docs", "docs", "An interactive explorer of this document (Swagger UI).", docs::page));
        routes.add(get(
                DocsEndpoints.PREFIX + "{asset}",
                "docs_asset",
                "The explorer's script, style sheets and icons.",
                docs::asset));
        return routes;
    }

    private static Route get(String path, String operation, String summary, io.javalin.http.Handler handler) {
        return new Route(
                NAME, HandlerType.GET, path, operation, summary, Route.Access.PUBLIC, Route.Body.NONE, handler, ERRORS);
    }
}
