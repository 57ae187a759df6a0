package datastore.services.write;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.WriteRows;
import datastore.schemas.write.WriteMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a request's records into engine row batches: checks keys against the table, coerces every
 * value, and for upsert/update groups rows by the columns they carry and their key. Rows are numbered
 * from 1 in every message and in {@code records_row}.
 */
final class RecordBatches {
    private RecordBatches() {}

    /** Insert semantics: every key must be a column ({@code _id} is not one); all columns are written. */
    static RowBatch forInsert(TableDef table, List<ObjectNode> records) {
        List<String> columns = table.fieldIds();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            position.put(columns.get(i), i);
        }
        List<@Nullable String[]> rows = new ArrayList<>(records.size());
        for (int r = 0; r < records.size(); r++) {
            JsonNode record = records.get(r);
            List<String> extra = new ArrayList<>();
            for (String key : record.propertyNames()) {
                if (!position.containsKey(key)) {
                    extra.add(key);
                }
            }
            if (!extra.isEmpty()) {
                throw ApiException.validation(
                        "records", "row \"" + (r + 1) + "\" has extra keys \"" + String.join(", ", extra) + "\"");
            }
            @Nullable String[] row = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                row[c] = coerce(record.get(columns.get(c)), table.fields().get(c), r);
            }
            rows.add(row);
        }
        return new RowBatch(columns, rows, 0);
    }

    /** Upsert/update semantics: the key is {@code _id} when present, else the whole primary key. */
    static List<WriteRows.Group> forMerge(TableDef table, List<ObjectNode> records, WriteMethod method) {
        Map<String, ColumnDef> byId = new HashMap<>();
        table.fields().forEach(f -> byId.put(f.id(), f));
        List<WriteRows.Group> groups = new ArrayList<>();
        List<String> groupColumns = null;
        // Only compared (and used) once groupColumns is set, which sets it too.
        List<String> groupKeys = List.of();
        List<@Nullable String[]> rows = new ArrayList<>();
        Set<List<String>> seenKeys = new HashSet<>();
        int groupStart = 0;
        for (int r = 0; r < records.size(); r++) {
            JsonNode record = records.get(r);
            List<String> columns = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String key : record.propertyNames()) {
                if (key.equals("_id") || byId.containsKey(key)) {
                    columns.add(key);
                } else {
                    unknown.add(key);
                }
            }
            if (!unknown.isEmpty()) {
                throw ApiException.validation("fields", "fields \"" + String.join(", ", unknown) + "\" do not exist");
            }
            List<String> keys = keysFor(table, columns);
            @Nullable String[] row = new String[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                String name = columns.get(c);
                ColumnDef column =
                        name.equals(ColumnDef.ID.id()) ? ColumnDef.ID : Objects.requireNonNull(byId.get(name));
                row[c] = coerce(record.get(name), column, r);
            }
            List<String> keyValues = new ArrayList<>();
            keys.forEach(k -> keyValues.add(row[columns.indexOf(k)]));
            boolean sameShape = columns.equals(groupColumns) && keys.equals(groupKeys);
            // A set-based write cannot touch one key twice; a repeated key starts a new group, keeping order.
            if (!sameShape || seenKeys.contains(keyValues)) {
                if (groupColumns != null) {
                    groups.add(new WriteRows.Group(new RowBatch(groupColumns, rows, groupStart), groupKeys));
                }
                groupColumns = columns;
                groupKeys = keys;
                rows = new ArrayList<>();
                seenKeys = new HashSet<>();
                groupStart = r;
            }
            seenKeys.add(keyValues);
            rows.add(row);
        }
        if (groupColumns != null) {
            groups.add(new WriteRows.Group(new RowBatch(groupColumns, rows, groupStart), groupKeys));
        }
        return groups;
    }

    private static List<String> keysFor(TableDef table, List<String> columns) {
        if (columns.contains("_id")) {
            return List.of("_id");
        }
        if (table.primaryKey().isEmpty()) {
            throw ApiException.validation("table", "unique key must be passed for update/upsert");
        }
        List<String> missing =
                table.primaryKey().stream().filter(k -> !columns.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.validation(
                    "key", "fields \"" + String.join(", ", missing) + "\" are missing but needed as key");
        }
        return table.primaryKey();
    }

    /**
     * CKAN's own message for a value the column's type refuses, kept word for word for clients that
     * match on it; {@code records_row} (1-based) and {@code records_field} say where it was.
     */
    private static @Nullable String coerce(@Nullable JsonNode value, ColumnDef column, int index) {
        try {
            return ValueCoercer.coerce(value, column.type());
        } catch (ValueCoercer.Mismatch e) {
            Map<String, List<String>> errors = new LinkedHashMap<>();
            errors.put("records", List.of(e.getMessage()));
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("records_row", index + 1);
            where.put("records_field", column.id());
            throw ApiException.validation(errors, where, e);
        }
    }
}
