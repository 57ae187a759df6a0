package datastore.services.validation;

import datastore.infrastructure.catalog.CatalogStore;
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
 * The catalog store as the catalog service sees it, telling the schema gate whenever a table's record changes, so
 * that the gate's cache never outlives a schema change whichever service method made it.
 */
public final class SchemaInvalidatingStore implements CatalogStore {
    private final CatalogStore store;
    private final SchemaGate gate;

    public SchemaInvalidatingStore(CatalogStore store, SchemaGate gate) {
        this.store = store;
        this.gate = gate;
    }

    @Override
    public void insertTable(DataTable table) {
        try {
            store.insertTable(table);
        } finally {
            gate.invalidate(table.resourceId());
        }
    }

    @Override
    public void updateTable(DataTable table) {
        try {
            store.updateTable(table);
        } finally {
            gate.invalidate(table.resourceId());
        }
    }

    @Override
    public int softDelete(Kind kind, String id, String deletionId, Instant at) {
        try {
            return store.softDelete(kind, id, deletionId, at);
        } finally {
            gate.invalidateAll();
        }
    }

    @Override
    public int restore(String deletionId) {
        try {
            return store.restore(deletionId);
        } finally {
            gate.invalidateAll();
        }
    }

    @Override
    public void purge(Kind kind, String id) {
        try {
            store.purge(kind, id);
        } finally {
            gate.invalidateAll();
        }
    }

    @Override
    public void insertApp(App app) {
        store.insertApp(app);
    }

    @Override
    public void updateApp(App app) {
        store.updateApp(app);
    }

    @Override
    public Optional<App> app(String slugOrId) {
        return store.app(slugOrId);
    }

    @Override
    public CatalogPage<App> apps(CatalogFilter filter) {
        return store.apps(filter);
    }

    @Override
    public void insertDataSource(DataSource source) {
        store.insertDataSource(source);
    }

    @Override
    public void updateDataSource(DataSource source) {
        store.updateDataSource(source);
    }

    @Override
    public Optional<DataSource> dataSource(String slugOrId) {
        return store.dataSource(slugOrId);
    }

    @Override
    public CatalogPage<DataSource> dataSources(String appId, CatalogFilter filter) {
        return store.dataSources(appId, filter);
    }

    @Override
    public Optional<DataTable> table(String datasourceId, String slugOrId) {
        return store.table(datasourceId, slugOrId);
    }

    @Override
    public Optional<DataTable> tableByResourceId(String resourceId) {
        return store.tableByResourceId(resourceId);
    }

    @Override
    public CatalogPage<DataTable> tables(String appId, CatalogFilter filter) {
        return store.tables(appId, filter);
    }

    @Override
    public List<DataTable> tablesUnder(Kind kind, String id) {
        return store.tablesUnder(kind, id);
    }

    @Override
    public void insertOperation(SchemaOperation operation) {
        store.insertOperation(operation);
    }

    @Override
    public CatalogPage<SchemaOperation> operations(String appId, @Nullable String targetId, int limit, int offset) {
        return store.operations(appId, targetId, limit, offset);
    }

    @Override
    public Optional<String> ckanFields(String recordId) {
        return store.ckanFields(recordId);
    }

    @Override
    public void setCkanFields(String recordId, String json) {
        store.setCkanFields(recordId, json);
    }
}
