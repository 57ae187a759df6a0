package datastore.schemas.frictionless;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Validates rows against a Table Schema as frictionless-py's {@code validate} does: per row the cell errors
 * (type-error, constraint-error), extra-cell, missing-cell or a blank-row instead, then unique-error, primary-key
 * (and v2 uniqueKeys, reported as unique-error) and foreign-key. Row numbers start at {@code firstRowNumber} (2 when
 * row 1 is a header, as Frictionless counts). Rows are JSON objects keyed by field name (an absent key is a null cell;
 * an unknown key is an extra-cell) or arrays in field order. A primary-key cell that is null is a "required"
 * constraint-error, as the standard says; frictionless-py reports only a key whose every cell is null.
 */
public final class RowValidator {
    private static final String STORED = "the same as in a row already stored";

    private final TableSchema schema;
    private final ForeignKeyLookup foreignKeys;
    private final List<CellReader> readers;

    public RowValidator(TableSchema schema, ForeignKeyLookup foreignKeys) {
        this.schema = schema;
        this.foreignKeys = foreignKeys;
        this.readers = schema.fields().stream()
                .map(f -> new CellReader(f, schema.missingValues()))
                .toList();
    }

    /** One row read: its cast values, and the errors of its own cells. */
    private record ReadRow(int number, List<@Nullable Object> values, List<RowError> errors) {}

    public ValidationReport validate(List<JsonNode> rows, int firstRowNumber, ExistingKeys existing) {
        List<ReadRow> read = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            read.add(readRow(rows.get(i), firstRowNumber + i));
        }
        Integrity integrity = new Integrity(read, existing);
        List<RowError> errors = new ArrayList<>();
        List<List<@Nullable Object>> cast = new ArrayList<>(read.size());
        boolean valid = true;
        for (ReadRow row : read) {
            List<RowError> rowErrors = new ArrayList<>(row.errors());
            integrity.check(row, rowErrors);
            valid &= rowErrors.isEmpty();
            for (RowError e : rowErrors) {
                if (errors.size() < ValidationReport.ERROR_LIMIT) {
                    errors.add(e);
                }
            }
            cast.add(row.values());
        }
        return new ValidationReport(valid, rows.size(), errors, cast);
    }

    private ReadRow readRow(JsonNode row, int number) {
        int n = readers.size();
        List<@Nullable JsonNode> cells = new ArrayList<>(n);
        List<RowError> errors = new ArrayList<>();
        List<RowError> extra = new ArrayList<>();
        int given;
        if (row.isObject()) {
            for (CellReader r : readers) {
                cells.add(row.get(r.field().name()));
            }
            given = n;
            int position = n;
            Set<String> names = new HashSet<>(schema.fieldNames());
            for (Map.Entry<String, JsonNode> e : row.properties()) {
                if (!names.contains(e.getKey())) {
                    extra.add(
                            RowError.cell("extra-cell", number, e.getKey(), ++position, PyText.str(e.getValue()), ""));
                }
            }
        } else if (row.isArray()) {
            given = row.size();
            for (int i = 0; i < n; i++) {
                cells.add(i < given ? row.get(i) : null);
            }
            for (int i = n; i < given; i++) {
                extra.add(RowError.cell("extra-cell", number, "", i + 1, PyText.str(row.get(i)), ""));
            }
        } else {
            List<@Nullable Object> none = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                none.add(null);
            }
            String note = "row " + number + " is not a JSON object or array";
            return new ReadRow(number, none, List.of(RowError.row("source-error", number, note)));
        }
        List<@Nullable Object> values = new ArrayList<>(n);
        int blank = 0;
        for (int i = 0; i < n; i++) {
            CellReader reader = readers.get(i);
            JsonNode source = cells.get(i);
            CellReader.Result result = reader.read(source);
            values.add(result.value());
            if (result.blank()) {
                blank++;
            }
            String name = reader.field().name();
            String cellText = source == null ? "None" : PyText.str(source);
            if (result.typeNote() != null) {
                errors.add(RowError.cell("type-error", number, name, i + 1, cellText, result.typeNote()));
            }
            for (String note : result.constraintNotes()) {
                // frictionless-py writes str(None) for a cell the row does not have.
                errors.add(RowError.cell(
                        "constraint-error", number, name, i + 1, source == null ? "None" : cellText, note));
            }
        }
        errors.addAll(extra);
        for (int i = given; i < n; i++) {
            errors.add(
                    RowError.cell("missing-cell", number, readers.get(i).field().name(), i + 1, "", ""));
        }
        if (blank == n) {
            errors = List.of(RowError.row("blank-row", number, ""));
        }
        return new ReadRow(number, values, errors);
    }

    /** The checks across rows: unique fields, the primary key, unique keys and foreign keys. */
    private final class Integrity {
        private final ExistingKeys existing;
        private final Map<String, Map<Object, Integer>> unique = new HashMap<>();
        private final Map<List<@Nullable Object>, Integer> primary = new HashMap<>();
        private final Map<List<String>, Map<List<@Nullable Object>, Integer>> uniqueKeys = new HashMap<>();
        /** Self-referencing foreign keys: the referenced values of every row being validated. */
        private final Map<List<String>, Set<List<@Nullable Object>>> selfValues = new HashMap<>();

        Integrity(List<ReadRow> rows, ExistingKeys existing) {
            this.existing = existing;
            for (ForeignKey fk : schema.foreignKeys()) {
                if (fk.selfReference()) {
                    Set<List<@Nullable Object>> values = new HashSet<>();
                    for (ReadRow row : rows) {
                        values.add(keyOf(row, fk.referenceFields()));
                    }
                    selfValues.put(fk.referenceFields(), values);
                }
            }
        }

        private List<@Nullable Object> valuesOf(ReadRow row, List<String> fields) {
            List<@Nullable Object> out = new ArrayList<>(fields.size());
            for (String f : fields) {
                out.add(row.values().get(schema.indexOf(f)));
            }
            return out;
        }

        private List<@Nullable Object> keyOf(ReadRow row, List<String> fields) {
            List<@Nullable Object> out = new ArrayList<>(fields.size());
            for (Object v : valuesOf(row, fields)) {
                out.add(Values.key(v));
            }
            return out;
        }

        void check(ReadRow row, List<RowError> errors) {
            int number = row.number();
            for (int i = 0; i < schema.fields().size(); i++) {
                SchemaField f = schema.fields().get(i);
                Object value = row.values().get(i);
                if (!f.unique() || value == null) {
                    continue;
                }
                Map<Object, Integer> seen = unique.computeIfAbsent(f.name(), k -> new HashMap<>());
                Object key = java.util.Objects.requireNonNull(Values.key(value));
                Integer match = seen.put(key, number);
                String note = match != null
                        ? "the same as in the row at position " + match
                        : existing.exists(List.of(f.name()), java.util.Arrays.asList(value)) ? STORED : null;
                if (note != null) {
                    errors.add(RowError.cell("unique-error", number, f.name(), i + 1, PyText.str(value), note));
                }
            }
            if (!schema.primaryKey().isEmpty()) {
                List<@Nullable Object> values = valuesOf(row, schema.primaryKey());
                if (values.stream().allMatch(v -> v == null)) {
                    errors.add(
                            RowError.row("primary-key", number, "cells composing the primary keys are all \"None\""));
                } else {
                    Integer match = primary.put(keyOf(row, schema.primaryKey()), number);
                    String note = match != null
                            ? "the same as in the row at position " + match
                            : values.contains(null)
                                    ? null
                                    : existing.exists(schema.primaryKey(), values) ? STORED : null;
                    if (note != null) {
                        errors.add(RowError.row("primary-key", number, note));
                    }
                }
            }
            for (List<String> key : schema.uniqueKeys()) {
                List<@Nullable Object> values = valuesOf(row, key);
                if (values.contains(null)) {
                    continue; // SQL UNIQUE: a key with a null is not compared
                }
                Integer match =
                        uniqueKeys.computeIfAbsent(key, k -> new HashMap<>()).put(keyOf(row, key), number);
                String note = match != null
                        ? "the same as in the row at position " + match
                        : existing.exists(key, values) ? STORED : null;
                if (note != null) {
                    String names = String.join(", ", key);
                    int first = schema.indexOf(key.get(0)) + 1;
                    String text = values.stream().map(PyText::str).collect(Collectors.joining(", "));
                    errors.add(RowError.cell("unique-error", number, names, first, text, note));
                }
            }
            for (ForeignKey fk : schema.foreignKeys()) {
                List<@Nullable Object> values = valuesOf(row, fk.fields());
                if (values.stream().allMatch(v -> v == null)) {
                    continue;
                }
                boolean found = fk.selfReference()
                                && selfValues
                                        .getOrDefault(fk.referenceFields(), Set.of())
                                        .contains(keyOf(row, fk.fields()))
                        || foreignKeys.exists(fk.resource(), fk.referenceFields(), values);
                if (!found) {
                    String note = "for \"%s\": values \"%s\" not found in the lookup table \"%s\" as \"%s\""
                            .formatted(
                                    String.join(", ", fk.fields()),
                                    values.stream().map(PyText::str).collect(Collectors.joining(", ")),
                                    fk.resource(),
                                    String.join(", ", fk.referenceFields()));
                    errors.add(RowError.row("foreign-key", number, note));
                }
            }
        }
    }
}
