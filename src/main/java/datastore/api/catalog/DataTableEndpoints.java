package datastore.api.catalog;

import datastore.api.Route;
import datastore.schemas.catalog.CatalogBodies;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.TableChange;
import datastore.services.auth.Principal;
import datastore.services.catalog.CatalogService;
import datastore.services.catalog.DataTables;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** {@code …/datasources/{ds}/datatables/} and the app-wide {@code /api/apps/{app}/datatables/} listing. */
final class DataTableEndpoints {
    private final DataTables tables;
    private final CatalogRequests requests;
    private final CatalogSurface surface;

    DataTableEndpoints(CatalogService catalog, CatalogRequests requests, CatalogSurface surface) {
        this.tables = catalog.tables();
        this.requests = requests;
        this.surface = surface;
    }

    List<Route> routes() {
        String list = CatalogSurface.TABLES;
        String one = CatalogSurface.TABLE;
        return List.of(
                surface.read(
                        CatalogSurface.APP + "datatables/",
                        "catalog_app_datatables",
                        "An app's tables across its data sources (datasource, is_materialized, q).",
                        ctx -> list(ctx, ctx.queryParam("datasource"))),
                surface.read(
                        list,
                        "catalog_datatable_list",
                        "List a data source's tables.",
                        ctx -> list(ctx, ctx.pathParam("ds"))),
                surface.write(
                        HandlerType.POST,
                        list,
                        "catalog_datatable_create",
                        "Create a table from a Table Schema (materialised unless materialize is false).",
                        this::create),
                surface.read(
                        one, "catalog_datatable_show", "Show a table: schema, hash, physical name, rows.", this::show),
                surface.read(
                        one + "schema/", "catalog_datatable_schema", "Just the table's Table Schema.", this::schema),
                surface.write(
                        HandlerType.PUT,
                        one,
                        "catalog_datatable_replace",
                        "Replace a table; a new json_schema migrates its data.",
                        ctx -> update(ctx, true)),
                surface.write(
                        HandlerType.PATCH,
                        one,
                        "catalog_datatable_patch",
                        "Patch a table; a new json_schema migrates its data.",
                        ctx -> update(ctx, false)),
                surface.write(
                        HandlerType.DELETE,
                        one,
                        "catalog_datatable_delete",
                        "Soft-delete a table (purge=true: for good).",
                        this::delete),
                surface.write(
                        HandlerType.POST,
                        one + "materialize/",
                        "catalog_datatable_materialize",
                        "Build the table's datastore table.",
                        this::materialize),
                surface.write(
                        HandlerType.POST,
                        one + "restore/",
                        "catalog_datatable_restore",
                        "Restore a deleted table.",
                        this::restore),
                surface.write(
                        HandlerType.POST,
                        one + "purge/",
                        "catalog_datatable_purge",
                        "Delete a table and its datastore table for good (admin).",
                        this::purge),
                surface.read(
                        one + "operations/",
                        "catalog_datatable_operations",
                        "The table's audit trail.",
                        this::operations));
    }

    static ObjectNode json(DataTables.View v) {
        return CatalogJson.table(v.table(), v.source().slug(), v.rowCount());
    }

    private void list(Context ctx, @Nullable String source) {
        requests.reader(ctx, "catalog_datatable_list");
        Boolean materialized = CatalogRequests.bool(ctx, "is_materialized");
        CatalogFilter f = CatalogRequests.filter(
                ctx, (q, limit, offset) -> new CatalogFilter(q, null, null, materialized, limit, offset));
        String ds = source == null || source.isEmpty() ? null : source;
        CatalogRequests.page(ctx, tables.list(ctx.pathParam("app"), ds, f), f, DataTableEndpoints::json);
    }

    private void create(Context ctx) {
        Principal p = requests.writer(ctx, "catalog_datatable_create");
        TableChange change = CatalogBodies.table(requests.body(ctx), true, true);
        CatalogRequests.write(
                ctx, 201, json(tables.create(ctx.pathParam("app"), ctx.pathParam("ds"), change, p.actor())));
    }

    private void show(Context ctx) {
        requests.reader(ctx, "catalog_datatable_show");
        CatalogRequests.write(
                ctx, 200, json(tables.get(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"))));
    }

    private void schema(Context ctx) {
        requests.reader(ctx, "catalog_datatable_schema");
        CatalogRequests.write(
                ctx,
                200,
                tables.get(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"))
                        .table()
                        .jsonSchema());
    }

    private void update(Context ctx, boolean full) {
        Principal p = requests.writer(ctx, "catalog_datatable_update");
        TableChange change = CatalogBodies.table(requests.body(ctx), full, full);
        CatalogRequests.write(
                ctx,
                200,
                json(tables.update(
                        ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"), change, full, p.actor())));
    }

    private void delete(Context ctx) {
        if (Boolean.TRUE.equals(CatalogRequests.bool(ctx, "purge"))) {
            purge(ctx);
            return;
        }
        Principal p = requests.writer(ctx, "catalog_datatable_delete");
        tables.delete(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"), p.actor());
        ctx.status(204);
    }

    private void materialize(Context ctx) {
        Principal p = requests.writer(ctx, "catalog_datatable_materialize");
        CatalogRequests.write(
                ctx,
                200,
                json(tables.materialize(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"), p.actor())));
    }

    private void restore(Context ctx) {
        Principal p = requests.writer(ctx, "catalog_datatable_restore");
        CatalogRequests.write(
                ctx,
                200,
                json(tables.restore(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"), p.actor())));
    }

    private void purge(Context ctx) {
        Principal p = requests.appAdmin(ctx, "catalog_datatable_purge");
        tables.purge(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"), p.actor());
        ctx.status(204);
    }

    private void operations(Context ctx) {
        requests.reader(ctx, "catalog_datatable_operations");
        CatalogFilter f = CatalogRequests.filter(
                ctx, (q, limit, offset) -> new CatalogFilter(q, null, null, null, limit, offset));
        CatalogRequests.page(
                ctx,
                tables.operations(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"), f.limit(), f.offset()),
                f,
                CatalogJson::operation);
    }
}
