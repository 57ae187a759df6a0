package datastore.api.catalog;

import datastore.api.ErrorWriter;
import datastore.api.Route;
import datastore.api.auth.AuthGate;
import datastore.api.middleware.BodyLimit;
import datastore.services.catalog.CatalogService;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog API under {@code /api/apps/}: apps, their data sources and data tables. Registered only
 * when no upstream CKAN keeps the catalog ({@code CKAN_URL} unset), before the Datasette routes.
 */
public final class CatalogSurface {
    public static final String NAME = "catalog";
    static final ErrorWriter ERRORS = new CatalogErrorWriter();
    static final String APPS = "/api/apps/";
    static final String APP = APPS + "{app}/";
    static final String SOURCES = APP + "datasources/";
    static final String SOURCE = SOURCES + "{ds}/";
    static final String TABLES = SOURCE + "datatables/";
    static final String TABLE = TABLES + "{t}/";

    private final CatalogService catalog;
    private final CatalogRequests requests;
    private final long maxBodyBytes;

    public CatalogSurface(CatalogService catalog, BodyLimit limit, AuthGate gate) {
        this.catalog = catalog;
        this.requests = new CatalogRequests(limit, gate);
        this.maxBodyBytes = limit.maxBytes();
    }

    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new AppEndpoints(catalog, requests, this).routes());
        routes.addAll(new DataSourceEndpoints(catalog, requests, this).routes());
        return routes;
    }

    Route read(String path, String operation, String summary, Handler handler) {
        return new Route(
                NAME,
                HandlerType.GET,
                path,
                operation,
                summary,
                Route.Access.CREDENTIAL,
                Route.Body.NONE,
                handler,
                ERRORS);
    }

    Route write(HandlerType method, String path, String operation, String summary, Handler handler) {
        return new Route(
                NAME,
                method,
                path,
                operation,
                summary,
                Route.Access.CREDENTIAL,
                method == HandlerType.DELETE ? Route.Body.NONE : Route.Body.json(maxBodyBytes),
                handler,
                ERRORS);
    }
}
