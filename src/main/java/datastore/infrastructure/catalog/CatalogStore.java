package datastore.infrastructure.catalog;

import datastore.schemas.catalog.App;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.CatalogPage;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.catalog.SchemaOperation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the catalog's records live. Each method is one transaction. Lookups find inactive records too
 * (so that callers can answer 410); lists show active ones only. Inserts and updates throw
 * {@link SlugTakenException} when the database's unique constraints refuse a slug.
 */
public interface CatalogStore {
    /** The kinds of record a soft delete, restore or purge starts from. */
    enum Kind {
        APP,
        DATASOURCE,
        DATATABLE
    }

    void insertApp(App app);

    void updateApp(App app);

    /** By slug or id, active or not; counts are of active children. */
    Optional<App> app(String slugOrId);

    CatalogPage<App> apps(CatalogFilter filter);

    void insertDataSource(DataSource source);

    void updateDataSource(DataSource source);

    /** By slug (unique per instance) or id. */
    Optional<DataSource> dataSource(String slugOrId);

    CatalogPage<DataSource> dataSources(String appId, CatalogFilter filter);

    void insertTable(DataTable table);

    void updateTable(DataTable table);

    /** By slug or id within one data source. */
    Optional<DataTable> table(String datasourceId, String slugOrId);

    Optional<DataTable> tableByResourceId(String resourceId);

    /** Active tables of an app, optionally of one data source ({@link CatalogFilter#datasourceId}). */
    CatalogPage<DataTable> tables(String appId, CatalogFilter filter);

    /** Every table under the record, active or not (for a purge). */
    List<DataTable> tablesUnder(Kind kind, String id);

    /**
     * Marks the record and every active record under it inactive with {@code deletionId}; returns how
     * many records it marked.
     */
    int softDelete(Kind kind, String id, String deletionId, Instant at);

    /** Makes active again every record that soft delete {@code deletionId} marked; returns how many. */
    int restore(String deletionId);

    /** Deletes the record and everything under it (their audit trail stays). */
    void purge(Kind kind, String id);

    void insertOperation(SchemaOperation operation);

    /** An app's audit trail, newest first, optionally of one target. */
    CatalogPage<SchemaOperation> operations(String appId, @Nullable String targetId, int limit, int offset);

    /** The CKAN fields (JSON text) kept for a data source or data table; empty when none were kept. */
    Optional<String> ckanFields(String recordId);

    /** Keeps {@code json} as the CKAN fields of a data source or data table, replacing what was kept. */
    void setCkanFields(String recordId, String json);
}
