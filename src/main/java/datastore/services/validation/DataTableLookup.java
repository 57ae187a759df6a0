package datastore.services.validation;

import datastore.infrastructure.catalog.CatalogStore;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.DataTable;
import org.jspecify.annotations.Nullable;

/** Where the gate finds a table's data-table record: by the resource id every surface writes to, or by name in an app. */
public interface DataTableLookup {
    /** No catalog (CKAN keeps it): no table declares a schema here. */
    DataTableLookup NONE = new DataTableLookup() {
        @Override
        public @Nullable DataTable byResourceId(String resourceId) {
            return null;
        }

        @Override
        public @Nullable DataTable inApp(String appId, String name) {
            return null;
        }
    };

    @Nullable
    DataTable byResourceId(String resourceId);

    /** An app's table by slug or name, which a foreign key's {@code reference.resource} names. */
    @Nullable
    DataTable inApp(String appId, String name);

    static DataTableLookup of(CatalogStore store) {
        return new DataTableLookup() {
            @Override
            public @Nullable DataTable byResourceId(String resourceId) {
                return store.tableByResourceId(resourceId).orElse(null);
            }

            @Override
            public @Nullable DataTable inApp(String appId, String name) {
                for (DataTable t : store.tables(appId, CatalogFilter.all()).items()) {
                    if (t.slug().equals(name) || t.name().equals(name)) {
                        return t;
                    }
                }
                return null;
            }
        };
    }
}
