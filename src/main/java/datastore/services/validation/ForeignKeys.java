package datastore.services.validation;

import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.frictionless.ForeignKeyLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Foreign keys of one batch: the referenced table is this one ("") or a table of the same app by name; each
 * distinct value is looked up once per batch with an equality query on the referenced fields.
 */
final class ForeignKeys implements ForeignKeyLookup {
    private final StorageEngine engine;
    private final DataTableLookup lookup;
    private final DataTable table;
    private final @Nullable TableDef stored;
    private final Map<List<Object>, Boolean> seen = new HashMap<>();

    ForeignKeys(StorageEngine engine, DataTableLookup lookup, DataTable table, @Nullable TableDef stored) {
        this.engine = engine;
        this.lookup = lookup;
        this.table = table;
        this.stored = stored;
    }

    @Override
    public boolean exists(String resource, List<String> referenceFields, List<@Nullable Object> values) {
        List<Object> memo = new ArrayList<>();
        memo.add(resource);
        memo.add(referenceFields);
        memo.add(StoredKeys.key(values));
        return seen.computeIfAbsent(memo, k -> query(resource, referenceFields, values));
    }

    private boolean query(String resource, List<String> fields, List<@Nullable Object> values) {
        TableDef target = target(resource);
        if (target == null || values.contains(null)) {
            return false;
        }
        List<SearchQuery.Filter> filters = new ArrayList<>();
        List<String> texts = StoredKeys.key(values);
        for (int i = 0; i < fields.size(); i++) {
            if (target.field(fields.get(i)).isEmpty()) {
                return false;
            }
            filters.add(new SearchQuery.Filter(fields.get(i), JsonNodeFactory.instance.stringNode(texts.get(i))));
        }
        SearchQuery query = new SearchQuery(
                target, List.of(new SearchQuery.Column(fields.get(0))), filters, null, List.of(), 1, 0, false);
        try (RowCursor rows = engine.search(query)) {
            return rows.next();
        }
    }

    private @Nullable TableDef target(String resource) {
        if (resource.isEmpty()) {
            return stored;
        }
        DataTable other = lookup.inApp(table.appId(), resource);
        return other == null ? null : engine.table(other.resourceId()).orElse(null);
    }
}
