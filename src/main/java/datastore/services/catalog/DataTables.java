package datastore.services.catalog;

import datastore.infrastructure.catalog.CatalogStore;
import datastore.schemas.catalog.DataTable;
import datastore.services.auth.Principal;
import datastore.services.tables.TableRef;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The catalog's data tables and the datastore tables behind them. */
public final class DataTables {
    private final CatalogService catalog;
    private final CatalogStore store;
    private final Tables tables;
    private final WriteService write;

    DataTables(CatalogService catalog, CatalogStore store, Tables tables, WriteService write) {
        this.catalog = catalog;
        this.store = Objects.requireNonNull(store, "store is null");
        this.tables = Objects.requireNonNull(tables, "tables is null");
        this.write = Objects.requireNonNull(write, "write is null");
    }

    /** The rows in a table's datastore table now; 0 when it is not materialised. */
    public long rowCount(DataTable table) {
        return datastoreTable(table).map(TableRef::rowCount).orElse(0L);
    }

    Optional<TableRef> datastoreTable(DataTable table) {
        return tables.find(table.resourceId()).filter(t -> !t.viaAlias());
    }

    /** Drops the datastore tables of {@code doomed} (a purge); the catalog rows go separately. */
    void dropAll(List<DataTable> doomed) {
        for (DataTable t : doomed) {
            datastoreTable(t).ifPresent(ref -> write.delete(ref, null, Principal.OPEN));
        }
    }

    CatalogStore store() {
        return store;
    }
}
