package datastore.api.catalog;

import datastore.api.Route;
import datastore.services.catalog.CatalogService;
import datastore.services.catalog.CatalogStats;
import io.javalin.http.Context;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The catalog's figures: an app's, a data source's, and an app's tables one by one. */
final class StatsEndpoints {
    private final CatalogStats stats;
    private final CatalogRequests requests;
    private final CatalogSurface surface;

    StatsEndpoints(CatalogService catalog, CatalogRequests requests, CatalogSurface surface) {
        this.stats = catalog.stats();
        this.requests = requests;
        this.surface = surface;
    }

    List<Route> routes() {
        return List.of(
                surface.read(
                        CatalogSurface.APP + "stats/",
                        "catalog_app_stats",
                        "An app's data sources by provider, tables, materialised, rows, bytes, last change.",
                        this::app),
                surface.read(
                        CatalogSurface.SOURCE + "stats/",
                        "catalog_datasource_stats",
                        "A data source's tables, materialised, rows, bytes, last change.",
                        this::source),
                surface.read(
                        CatalogSurface.APP + "datatables/stats/",
                        "catalog_app_datatable_stats",
                        "Each table of an app: rows, bytes, materialised.",
                        this::tables));
    }

    private static ObjectNode json(CatalogStats.Figures f) {
        ObjectNode o = CatalogJson.object().put("datasources", f.datasources());
        if (!f.byProvider().isEmpty()) {
            ObjectNode p = o.putObject("datasources_by_provider");
            f.byProvider().forEach(p::put);
        }
        return o.put("tables", f.tables())
                .put("materialized", f.materialized())
                .put("rows", f.rows())
                .put("bytes", f.bytes())
                .put(
                        "last_change",
                        f.lastChange() == null ? null : f.lastChange().toString());
    }

    private void app(Context ctx) {
        requests.reader(ctx, "catalog_app_stats");
        CatalogRequests.write(ctx, 200, json(stats.app(ctx.pathParam("app"))));
    }

    private void source(Context ctx) {
        requests.reader(ctx, "catalog_datasource_stats");
        CatalogRequests.write(ctx, 200, json(stats.dataSource(ctx.pathParam("app"), ctx.pathParam("ds"))));
    }

    private void tables(Context ctx) {
        requests.reader(ctx, "catalog_app_datatable_stats");
        List<CatalogStats.TableFigures> all = stats.tables(ctx.pathParam("app"));
        ObjectNode o = CatalogJson.object().put("count", all.size());
        o.put("rows", all.stream().mapToLong(CatalogStats.TableFigures::rows).sum());
        o.put("bytes", all.stream().mapToLong(CatalogStats.TableFigures::bytes).sum());
        ArrayNode results = o.putArray("results");
        for (CatalogStats.TableFigures f : all) {
            results.add(CatalogJson.object()
                    .put("slug", f.table().slug())
                    .put("datasource", f.datasource())
                    .put("resource_id", f.table().resourceId())
                    .put("is_materialized", f.table().materialized())
                    .put("rows", f.rows())
                    .put("bytes", f.bytes())
                    .put("updated_at", f.table().updatedAt().toString()));
        }
        CatalogRequests.write(ctx, 200, o);
    }
}
