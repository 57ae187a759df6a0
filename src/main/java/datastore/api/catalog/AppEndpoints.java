package datastore.api.catalog;

import datastore.api.Route;
import datastore.schemas.catalog.AppChange;
import datastore.schemas.catalog.CatalogBodies;
import datastore.schemas.catalog.CatalogFilter;
import datastore.services.auth.Principal;
import datastore.services.catalog.CatalogService;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/** {@code /api/apps/}: list, create, show, replace, patch, delete, restore and purge apps; their audit trail. */
final class AppEndpoints {
    private final CatalogService catalog;
    private final CatalogRequests requests;
    private final CatalogSurface surface;

    AppEndpoints(CatalogService catalog, CatalogRequests requests, CatalogSurface surface) {
        this.catalog = catalog;
        this.requests = requests;
        this.surface = surface;
    }

    List<Route> routes() {
        String app = CatalogSurface.APP;
        return List.of(
                surface.read(CatalogSurface.APPS, "catalog_app_list", "List apps (q, limit, offset).", this::list),
                surface.write(
                        HandlerType.POST, CatalogSurface.APPS, "catalog_app_create", "Create an app.", this::create),
                surface.read(app, "catalog_app_show", "Show an app.", this::show),
                surface.write(HandlerType.PUT, app, "catalog_app_replace", "Replace an app.", ctx -> update(ctx, true)),
                surface.write(HandlerType.PATCH, app, "catalog_app_patch", "Patch an app.", ctx -> update(ctx, false)),
                surface.write(
                        HandlerType.DELETE,
                        app,
                        "catalog_app_delete",
                        "Soft-delete an app (purge=true: for good).",
                        this::delete),
                surface.write(
                        HandlerType.POST,
                        app + "restore/",
                        "catalog_app_restore",
                        "Restore a deleted app.",
                        this::restore),
                surface.write(
                        HandlerType.POST,
                        app + "purge/",
                        "catalog_app_purge",
                        "Delete an app and its tables for good (admin).",
                        this::purge),
                surface.read(
                        app + "operations/", "catalog_app_operations", "The app's audit trail.", this::operations));
    }

    private void list(Context ctx) {
        requests.reader(ctx, "catalog_app_list");
        CatalogFilter f = CatalogRequests.filter(
                ctx, (q, limit, offset) -> new CatalogFilter(q, null, null, null, limit, offset));
        CatalogRequests.page(ctx, catalog.apps(f), f, CatalogJson::app);
    }

    private void create(Context ctx) {
        Principal p = requests.admin(ctx, "catalog_app_create");
        AppChange change = CatalogBodies.app(requests.body(ctx), true);
        CatalogRequests.write(ctx, 201, CatalogJson.app(catalog.createApp(change, p.actor())));
    }

    private void show(Context ctx) {
        requests.reader(ctx, "catalog_app_show");
        CatalogRequests.write(ctx, 200, CatalogJson.app(catalog.app(ctx.pathParam("app"))));
    }

    private void update(Context ctx, boolean full) {
        Principal p = requests.writer(ctx, "catalog_app_update");
        AppChange change = CatalogBodies.app(requests.body(ctx), full);
        CatalogRequests.write(
                ctx, 200, CatalogJson.app(catalog.updateApp(ctx.pathParam("app"), change, full, p.actor())));
    }

    private void delete(Context ctx) {
        if (Boolean.TRUE.equals(CatalogRequests.bool(ctx, "purge"))) {
            purge(ctx);
            return;
        }
        Principal p = requests.writer(ctx, "catalog_app_delete");
        catalog.deleteApp(ctx.pathParam("app"), p.actor());
        ctx.status(204);
    }

    private void restore(Context ctx) {
        Principal p = requests.writer(ctx, "catalog_app_restore");
        CatalogRequests.write(ctx, 200, CatalogJson.app(catalog.restoreApp(ctx.pathParam("app"), p.actor())));
    }

    private void purge(Context ctx) {
        Principal p = requests.admin(ctx, "catalog_app_purge");
        catalog.purgeApp(ctx.pathParam("app"), p.actor());
        ctx.status(204);
    }

    private void operations(Context ctx) {
        requests.reader(ctx, "catalog_app_operations");
        CatalogFilter f = CatalogRequests.filter(
                ctx, (q, limit, offset) -> new CatalogFilter(q, null, null, null, limit, offset));
        CatalogRequests.page(
                ctx, catalog.operations(ctx.pathParam("app"), f.limit(), f.offset()), f, CatalogJson::operation);
    }
}
