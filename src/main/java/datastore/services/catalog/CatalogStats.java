package datastore.services.catalog;

import datastore.infrastructure.catalog.CatalogStore;
import datastore.schemas.catalog.App;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.catalog.ProviderType;
import datastore.services.read.ReadService;
import datastore.services.tables.TableRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Counts and sizes of an app, a data source, or an app's tables one by one, from the catalog and the engine. */
public final class CatalogStats {
    private final CatalogService catalog;
    private final CatalogStore store;
    private final DataTables tables;
    private final ReadService read;

    CatalogStats(CatalogService catalog, CatalogStore store, DataTables tables, ReadService read) {
        this.catalog = catalog;
        this.store = store;
        this.tables = tables;
        this.read = read;
    }

    /**
     * The figures of a set of tables.
     *
     * @param byProvider data sources per provider (empty for one data source)
     * @param bytes the engine's size of the materialised tables
     * @param lastChange the latest catalog change of any of them; null when there are none
     */
    public record Figures(
            long datasources,
            Map<String, Long> byProvider,
            long tables,
            long materialized,
            long rows,
            long bytes,
            @Nullable Instant lastChange) {}

    /** One table's figures. */
    public record TableFigures(DataTable table, String datasource, long rows, long bytes) {}

    public Figures app(String appSlug) {
        App app = catalog.app(appSlug);
        List<DataSource> sources =
                store.dataSources(app.id(), CatalogFilter.all()).items();
        Map<String, Long> byProvider = new LinkedHashMap<>();
        for (ProviderType p : ProviderType.values()) {
            byProvider.put(
                    p.label(),
                    sources.stream().filter(s -> s.providerType() == p).count());
        }
        return figures(sources.size(), byProvider, perTable(app, null), app.updatedAt());
    }

    public Figures dataSource(String appSlug, String sourceSlug) {
        DataSource source = catalog.dataSource(appSlug, sourceSlug);
        return figures(1, Map.of(), perTable(catalog.app(appSlug), source), source.updatedAt());
    }

    /** Every active table of the app with its rows and bytes. */
    public List<TableFigures> tables(String appSlug) {
        return perTable(catalog.app(appSlug), null);
    }

    private List<TableFigures> perTable(App app, @Nullable DataSource only) {
        CatalogFilter all = CatalogFilter.all();
        if (only != null) {
            all = new CatalogFilter(null, null, only.id(), null, all.limit(), 0);
        }
        List<TableFigures> out = new ArrayList<>();
        Map<String, String> sourceSlugs = new LinkedHashMap<>();
        for (DataTable t : store.tables(app.id(), all).items()) {
            String ds = sourceSlugs.computeIfAbsent(
                    t.datasourceId(),
                    id -> store.dataSource(id).map(DataSource::slug).orElse(""));
            Optional<TableRef> ref = tables.datastoreTable(t);
            long rows = ref.map(TableRef::rowCount).orElse(0L);
            long bytes = ref.map(r -> read.info(r).size()).orElse(0L);
            out.add(new TableFigures(t, ds, rows, bytes));
        }
        return out;
    }

    private static Figures figures(long sources, Map<String, Long> byProvider, List<TableFigures> all, Instant since) {
        Instant last = since;
        for (TableFigures f : all) {
            if (f.table().updatedAt().isAfter(last)) {
                last = f.table().updatedAt();
            }
        }
        return new Figures(
                sources,
                byProvider,
                all.size(),
                all.stream().filter(f -> f.table().materialized()).count(),
                all.stream().mapToLong(TableFigures::rows).sum(),
                all.stream().mapToLong(TableFigures::bytes).sum(),
                last);
    }
}
