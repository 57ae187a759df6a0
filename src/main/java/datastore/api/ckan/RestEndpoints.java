package datastore.api.ckan;

import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.ckan.catalog.CkanLicenses;
import datastore.schemas.ckan.catalog.RestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The CKAN REST design's resources ({@code /api/rest/…}) over the service's own catalog: licences
 * (singular and plural paths), in that design's bodies.
 */
public final class RestEndpoints {
    static final String PREFIX = "/api/rest/";
    private static final RestErrorWriter ERRORS = new RestErrorWriter();

    /** The REST routes, served only when the service keeps its own catalog. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String kind : List.of("license", "licenses")) {
            routes.add(get(PREFIX + kind, "rest_license_list", "The licence register.", this::licenses));
            routes.add(get(PREFIX + kind + "/{id}", "rest_license_show", "One licence.", this::license));
        }
        return routes;
    }

    private static Route get(String path, String operation, String summary, Handler handler) {
        return new Route(
                CkanSurface.NAME,
                HandlerType.GET,
                path,
                operation,
                summary,
                Route.Access.PUBLIC,
                Route.Body.NONE,
                handler,
                ERRORS);
    }

    static void write(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json;charset=utf-8");
        ctx.result(JsonMappers.standard().writeValueAsString(body));
    }

    private void licenses(Context ctx) {
        write(ctx, 200, RestBodies.licenses());
    }

    private void license(Context ctx) {
        String id = ctx.pathParam("id");
        CkanLicenses.License l =
                CkanLicenses.byId(id).orElseThrow(() -> ApiException.notFound("licence \"" + id + "\""));
        write(ctx, 200, RestBodies.license(l));
    }
}
