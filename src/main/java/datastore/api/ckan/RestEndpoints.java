package datastore.api.ckan;

import datastore.api.Route;
import datastore.api.auth.AuthGate;
import datastore.api.middleware.BodyLimit;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.PackageInput;
import datastore.schemas.ckan.catalog.CkanLicenses;
import datastore.schemas.ckan.catalog.PackageDicts;
import datastore.schemas.ckan.catalog.RestBodies;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.Principal;
import datastore.services.auth.Verb;
import datastore.services.catalog.PackageCatalog;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The CKAN REST design's resources ({@code /api/rest/…}) over the service's own catalog: licences
 * (singular and plural paths), in that design's bodies.
 */
public final class RestEndpoints {
    static final String PREFIX = "/api/rest/";
    private static final RestErrorWriter ERRORS = new RestErrorWriter();
    private final PackageCatalog catalog;
    private final AuthGate gate;
    private final BodyLimit limit;

    public RestEndpoints(PackageCatalog catalog, AuthGate gate, BodyLimit limit) {
        this.catalog = catalog;
        this.gate = gate;
        this.limit = limit;
    }

    /** The REST routes, served only when the service keeps its own catalog. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String kind : List.of("license", "licenses")) {
            routes.add(get(PREFIX + kind, "rest_license_list", "The licence register.", this::licenses));
            routes.add(get(PREFIX + kind + "/{id}", "rest_license_show", "One licence.", this::license));
        }
        for (String kind : List.of("tag", "tags")) {
            routes.add(get(PREFIX + kind, "rest_tag_list", "The tags of active packages.", this::tags));
            routes.add(get(PREFIX + kind + "/{name}", "rest_tag_show", "The packages carrying a tag.", this::tag));
        }
        for (String kind : List.of("package", "packages")) {
            routes.add(get(PREFIX + kind, "rest_package_list", "The names of the active packages.", this::packages));
            routes.add(
                    route(HandlerType.POST, PREFIX + kind, "rest_package_create", "Create a package.", this::create));
            String one = PREFIX + kind + "/{name}";
            routes.add(get(one, "rest_package_show", "One package, by name (by id: 301 to its name).", this::show));
            routes.add(route(HandlerType.PUT, one, "rest_package_update", "Replace a package's fields.", this::update));
            routes.add(route(HandlerType.DELETE, one, "rest_package_delete", "Delete a package.", this::delete));
        }
        return routes;
    }

    private Route route(HandlerType method, String path, String operation, String summary, Handler handler) {
        return new Route(
                CkanSurface.NAME,
                method,
                path,
                operation,
                summary,
                Route.Access.CREDENTIAL,
                method == HandlerType.DELETE ? Route.Body.NONE : Route.Body.json(limit.maxBytes()),
                handler,
                ERRORS);
    }

    private JsonNode body(Context ctx) {
        byte[] bytes;
        try {
            bytes = limit.readAll(ctx);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
        try {
            return JsonMappers.standard().readTree(bytes);
        } catch (tools.jackson.core.JacksonException e) {
            throw ApiException.validation("package", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private Principal writer(Context ctx, String action) {
        return gate.require(
                ctx, new AccessRequest(action, AccessRequest.Target.CATALOG, "", Set.of(), EnumSet.of(Verb.CREATE)));
    }

    private void reader(Context ctx, String action) {
        gate.require(ctx, AccessRequest.catalog(action));
    }

    private void packages(Context ctx) {
        reader(ctx, "rest_package_list");
        write(
                ctx,
                200,
                RestBodies.list(
                        "package",
                        catalog.all().stream().map(p -> p.source().slug()).toList()));
    }

    private void create(Context ctx) {
        PackageInput in = RestBodies.parsePackage(body(ctx), PackageDicts.Mode.CREATE);
        Principal caller = writer(ctx, "rest_package_create");
        PackageCatalog.Package p = catalog.createPackage(in, caller.actor());
        ctx.header("Location", PREFIX + "package/" + p.source().slug());
        write(ctx, 201, RestBodies.renderPackage(CatalogViews.pkg(p)));
    }

    /** The package addressed by name; by id it answers 301 to its name, deleted 410, unknown 404. */
    private PackageCatalog.@Nullable Package addressed(Context ctx) {
        String name = ctx.pathParam("name");
        PackageCatalog.Package p =
                catalog.find(name).orElseThrow(() -> ApiException.notFound("package \"" + name + "\""));
        if (!p.source().active()) {
            throw ApiException.of(ErrorCode.GONE, "package \"" + name + "\" was deleted");
        }
        if (!p.source().slug().equals(name)) {
            String kind = ctx.path().startsWith(PREFIX + "packages/") ? "packages" : "package";
            ctx.status(301);
            ctx.header("Location", PREFIX + kind + "/" + p.source().slug());
            return null;
        }
        return p;
    }

    private void show(Context ctx) {
        reader(ctx, "rest_package_show");
        PackageCatalog.Package p = addressed(ctx);
        if (p != null) {
            write(ctx, 200, RestBodies.renderPackage(CatalogViews.pkg(p)));
        }
    }

    private void update(Context ctx) {
        JsonNode body = body(ctx);
        PackageCatalog.Package p = addressed(ctx);
        if (p == null) {
            return;
        }
        PackageInput in = RestBodies.parsePackage(body, PackageDicts.Mode.UPDATE);
        Principal caller = writer(ctx, "rest_package_update");
        PackageInput named = new PackageInput(p.source().id(), in.name(), null, in.fields(), null);
        if (named.fields().title() == null) {
            named = new PackageInput(
                    named.id(),
                    named.name(),
                    null,
                    CkanCatalogActions.withTitle(named, p.source().name()),
                    null);
        }
        write(
                ctx,
                200,
                RestBodies.renderPackage(
                        CatalogViews.pkg(catalog.updatePackage(p.source().id(), named, caller.actor()))));
    }

    private void delete(Context ctx) {
        PackageCatalog.Package p = addressed(ctx);
        if (p == null) {
            return;
        }
        Principal caller = writer(ctx, "rest_package_delete");
        catalog.deletePackage(p.source().id(), caller.actor());
        ctx.status(204);
    }

    private void tags(Context ctx) {
        reader(ctx, "rest_tag_list");
        write(ctx, 200, RestBodies.list("tag", catalog.tags(null)));
    }

    private void tag(Context ctx) {
        reader(ctx, "rest_tag_show");
        String name = ctx.pathParam("name");
        List<String> tagged = catalog.tagged(name);
        if (tagged.isEmpty()) {
            throw ApiException.notFound("tag \"" + name + "\"");
        }
        write(ctx, 200, RestBodies.tag(name, tagged));
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
