package datastore.services.tables;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import java.util.Objects;
import java.util.Optional;

/** Resolves the table a request names (an id or an alias), once per request, with CKAN's 404s. */
public final class Tables {
    private final StorageEngine engine;

    public Tables(StorageEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
    }

    /** The table {@code name} names, if any. */
    public Optional<TableRef> find(String name) {
        return engine.table(name).map(def -> new TableRef(name, def));
    }

    /** The table a read names (its id or an alias); 404 in CKAN's words when there is none. */
    public TableRef resolve(String name) {
        return find(name).orElseThrow(() -> ApiException.resourceNotFound(name));
    }

    /** Like {@link #resolve}, with {@code datastore_info}'s "Resource/Alias" 404. */
    public TableRef resolveForInfo(String name) {
        return find(name).orElseThrow(() -> ApiException.resourceOrAliasNotFound(name));
    }

    /** The table a write names: writes go to tables only, so an alias (or nothing) is CKAN's 404. */
    public TableRef resolveWritable(String name) {
        return find(name).filter(t -> !t.viaAlias()).orElseThrow(() -> ApiException.resourceNotFound(name));
    }

    /** The definition of table {@code id} as the engine has it now, if it exists. */
    Optional<TableDef> current(String id) {
        return engine.table(id).filter(t -> t.id().equals(id));
    }
}
