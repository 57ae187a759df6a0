package datastore.services.validation;

import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Which of a batch's key values a stored table already holds: one engine query per key for the whole
 * batch (an IN list per key field, the exact tuples matched here), never one per row.
 */
final class StoredKeys {
    private final StorageEngine engine;

    StoredKeys(StorageEngine engine) {
        this.engine = engine;
    }

    /** The tuples among {@code tuples} (cast values, in {@code fields} order) that {@code table} stores. */
    Set<List<String>> present(TableDef table, List<String> fields, Set<List<Object>> tuples) {
        Set<List<String>> wanted = new HashSet<>();
        List<Set<String>> perField = new ArrayList<>();
        fields.forEach(f -> perField.add(new LinkedHashSet<>()));
        for (List<Object> tuple : tuples) {
            List<String> key = key(tuple);
            wanted.add(key);
            for (int i = 0; i < key.size(); i++) {
                perField.get(i).add(key.get(i));
            }
        }
        Set<List<String>> found = new HashSet<>();
        if (wanted.isEmpty() || !fields.stream().allMatch(f -> table.field(f).isPresent())) {
            return found;
        }
        List<SearchQuery.Filter> filters = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            ArrayNode values = JsonNodeFactory.instance.arrayNode();
            perField.get(i).forEach(values::add);
            filters.add(new SearchQuery.Filter(fields.get(i), values));
        }
        List<SearchQuery.Selected> columns = new ArrayList<>();
        fields.forEach(f -> columns.add(new SearchQuery.Column(f)));
        // Compound keys: the IN lists match a superset of the tuples; the exact ones are kept below.
        SearchQuery query = new SearchQuery(table, columns, filters, null, List.of(), Integer.MAX_VALUE, 0, true);
        try (RowCursor rows = engine.search(query)) {
            while (rows.next()) {
                List<Object> stored = new ArrayList<>(fields.size());
                for (int i = 0; i < fields.size(); i++) {
                    Object v = rows.get(i);
                    stored.add(v == null ? "" : v);
                }
                List<String> key = key(stored);
                if (wanted.contains(key)) {
                    found.add(key);
                }
            }
        }
        return found;
    }

    /** A value's text as both sides agree on it: numbers without trailing zeros, the rest as printed. */
    static List<String> key(List<? extends @Nullable Object> values) {
        List<String> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(text(v));
        }
        return out;
    }

    private static String text(@Nullable Object v) {
        if (v instanceof Number n) {
            try {
                BigDecimal d = new BigDecimal(n.toString());
                return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return n.toString();
            }
        }
        return String.valueOf(v);
    }
}
