package datastore.api.catalog;

import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.schemas.catalog.CatalogBodies;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.DataSourceChange;
import datastore.schemas.catalog.ProviderType;
import datastore.services.auth.Principal;
import datastore.services.catalog.CatalogService;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code /api/apps/{app}/datasources/}: list, create, show, replace, patch, delete, restore and purge. */
final class DataSourceEndpoints {
    private final CatalogService catalog;
    private final CatalogRequests requests;
    private final CatalogSurface surface;

    DataSourceEndpoints(CatalogService catalog, CatalogRequests requests, CatalogSurface surface) {
        this.catalog = catalog;
        this.requests = requests;
        this.surface = surface;
    }

    List<Route> routes() {
        String list = CatalogSurface.SOURCES;
        String one = CatalogSurface.SOURCE;
        return List.of(
                surface.read(
                        list, "catalog_datasource_list", "List an app's data sources (q, provider_type).", this::list),
                surface.write(
                        HandlerType.POST, list, "catalog_datasource_create", "Create a data source.", this::create),
                surface.read(one, "catalog_datasource_show", "Show a data source.", this::show),
                surface.write(
                        HandlerType.PUT,
                        one,
                        "catalog_datasource_replace",
                        "Replace a data source.",
                        ctx -> update(ctx, true)),
                surface.write(
                        HandlerType.PATCH,
                        one,
                        "catalog_datasource_patch",
                        "Patch a data source.",
                        ctx -> update(ctx, false)),
                surface.write(
                        HandlerType.DELETE,
                        one,
                        "catalog_datasource_delete",
                        "Soft-delete a data source and its tables (purge=true: for good).",
                        this::delete),
                surface.write(
                        HandlerType.POST,
                        one + "restore/",
                        "catalog_datasource_restore",
                        "Restore a deleted data source.",
                        this::restore),
                surface.write(
                        HandlerType.POST,
                        one + "purge/",
                        "catalog_datasource_purge",
                        "Delete a data source and its tables for good (admin).",
                        this::purge));
    }

    private void list(Context ctx) {
        requests.reader(ctx, "catalog_datasource_list");
        ProviderType provider = provider(ctx.queryParam("provider_type"));
        CatalogFilter f = CatalogRequests.filter(
                ctx, (q, limit, offset) -> new CatalogFilter(q, provider, null, null, limit, offset));
        CatalogRequests.page(ctx, catalog.dataSources(ctx.pathParam("app"), f), f, CatalogJson::dataSource);
    }

    private static @Nullable ProviderType provider(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return ProviderType.parse(value)
                .orElseThrow(() -> ApiException.validation(
                        "provider_type", "unknown provider \"" + value + "\"; use one of " + ProviderType.names()));
    }

    private void create(Context ctx) {
        Principal p = requests.writer(ctx, "catalog_datasource_create");
        DataSourceChange change = CatalogBodies.dataSource(requests.body(ctx), true, true);
        CatalogRequests.write(
                ctx, 201, CatalogJson.dataSource(catalog.createDataSource(ctx.pathParam("app"), change, p.actor())));
    }

    private void show(Context ctx) {
        requests.reader(ctx, "catalog_datasource_show");
        CatalogRequests.write(
                ctx, 200, CatalogJson.dataSource(catalog.dataSource(ctx.pathParam("app"), ctx.pathParam("ds"))));
    }

    private void update(Context ctx, boolean full) {
        Principal p = requests.writer(ctx, "catalog_datasource_update");
        DataSourceChange change = CatalogBodies.dataSource(requests.body(ctx), full, false);
        CatalogRequests.write(
                ctx,
                200,
                CatalogJson.dataSource(
                        catalog.updateDataSource(ctx.pathParam("app"), ctx.pathParam("ds"), change, full, p.actor())));
    }

    private void delete(Context ctx) {
        if (Boolean.TRUE.equals(CatalogRequests.bool(ctx, "purge"))) {
            purge(ctx);
            return;
        }
        Principal p = requests.writer(ctx, "catalog_datasource_delete");
        catalog.deleteDataSource(ctx.pathParam("app"), ctx.pathParam("ds"), p.actor());
        ctx.status(204);
    }

    private void restore(Context ctx) {
        Principal p = requests.writer(ctx, "catalog_datasource_restore");
        CatalogRequests.write(
                ctx,
                200,
                CatalogJson.dataSource(
                        catalog.restoreDataSource(ctx.pathParam("app"), ctx.pathParam("ds"), p.actor())));
    }

    private void purge(Context ctx) {
        Principal p = requests.admin(ctx, "catalog_datasource_purge");
        catalog.purgeDataSource(ctx.pathParam("app"), ctx.pathParam("ds"), p.actor());
        ctx.status(204);
    }
}
