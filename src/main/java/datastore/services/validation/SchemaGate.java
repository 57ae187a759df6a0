package datastore.services.validation;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.frictionless.ExistingKeys;
import datastore.schemas.frictionless.RowError;
import datastore.schemas.frictionless.RowValidator;
import datastore.schemas.frictionless.SchemaField;
import datastore.schemas.frictionless.TableSchema;
import datastore.schemas.frictionless.TableSchemas;
import datastore.schemas.frictionless.ValidationReport;
import datastore.schemas.write.WriteMethod;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one check every write passes, whatever the surface: a table that the catalog gives a Table Schema gets its
 * records validated as Frictionless does (cells, keys within the batch and against stored rows, foreign keys)
 * before anything is written. Schemas are cached by resource id (absent ones too) until {@link #invalidate}.
 */
public final class SchemaGate {
    /** Frictionless counts the header as row 1, so a batch's first record is row 2. */
    public static final int FIRST_ROW = 2;

    private static final String ID = "_id";

    private final @Nullable StorageEngine engine;
    private final DataTableLookup lookup;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    /** What a resource id's table declares: nothing, or a schema. */
    private sealed interface Entry permits Free, Enforced {}

    private record Free() implements Entry {}

    private record Enforced(DataTable table, TableSchema schema) implements Entry {}

    private static final Free FREE = new Free();

    public SchemaGate(StorageEngine engine, DataTableLookup lookup) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.lookup = Objects.requireNonNull(lookup, "lookup is null");
    }

    private SchemaGate() {
        this.engine = null;
        this.lookup = DataTableLookup.NONE;
    }

    /** No catalog: every write passes unchecked. */
    public static SchemaGate none() {
        return new SchemaGate();
    }

    /** Forgets what the gate knows of {@code resourceId}'s schema (it changed, or the table did). */
    public void invalidate(String resourceId) {
        cache.remove(resourceId);
    }

    public void invalidateAll() {
        cache.clear();
    }

    /** The schema table {@code resourceId} declares, or null. */
    public @Nullable TableSchema schema(String resourceId) {
        return entry(resourceId) instanceof Enforced e ? e.schema() : null;
    }

    /**
     * Checks {@code records} bound for {@code resourceId} ({@code stored} its table, null before it exists). With
     * {@link OnInvalid#REJECT} any invalid record refuses the batch: a validation error whose cause is an {@link
     * InvalidRowsException}; with {@link OnInvalid#SKIP} the invalid ones come back as rejected.
     */
    public CheckedRows check(
            String resourceId,
            @Nullable TableDef stored,
            WriteMethod method,
            List<ObjectNode> records,
            OnInvalid onInvalid) {
        if (records.isEmpty() || !(entry(resourceId) instanceof Enforced enforced)) {
            return CheckedRows.unchecked(records);
        }
        ValidationReport report = method == WriteMethod.UPDATE
                ? partial(enforced, stored, records)
                : whole(enforced, stored, method, records);
        if (report.valid()) {
            return new CheckedRows(castCells(enforced.schema(), method, records, report, null), List.of(), report);
        }
        if (onInvalid == OnInvalid.REJECT) {
            throw refusal(report);
        }
        Map<Integer, List<RowError>> byIndex = new LinkedHashMap<>();
        for (RowError e : report.errors()) {
            byIndex.computeIfAbsent(e.rowNumber() - FIRST_ROW, k -> new ArrayList<>())
                    .add(e);
        }
        List<ObjectNode> accepted = new ArrayList<>();
        List<Integer> acceptedIndexes = new ArrayList<>();
        List<CheckedRows.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            List<RowError> errors = byIndex.get(i);
            if (errors == null) {
                accepted.add(records.get(i));
                acceptedIndexes.add(i);
            } else {
                rejected.add(new CheckedRows.Rejected(i, records.get(i), errors));
            }
        }
        return new CheckedRows(
                castCells(enforced.schema(), method, accepted, report, acceptedIndexes), rejected, report);
    }

    /**
     * The records as the schema reads them, where the column would otherwise refuse what Frictionless accepted: a
     * text cell that is one of the schema's missing values becomes null, and a boolean, integer or number written as
     * text in the schema's own spelling ({@code trueValues}, {@code groupChar}, {@code bareNumber}, ...) becomes its
     * value. String fields and every other cell are written as sent. Updates are checked field by field and kept.
     */
    private static List<ObjectNode> castCells(
            TableSchema schema,
            WriteMethod method,
            List<ObjectNode> records,
            ValidationReport report,
            @Nullable List<Integer> indexes) {
        if (method == WriteMethod.UPDATE) {
            return records;
        }
        List<SchemaField> fields = schema.fields();
        List<ObjectNode> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ObjectNode record = records.get(i);
            List<@Nullable Object> cast = report.castRows().get(indexes == null ? i : indexes.get(i));
            ObjectNode copy = null;
            for (int j = 0; j < fields.size() && j < cast.size(); j++) {
                SchemaField field = fields.get(j);
                JsonNode cell = record.get(field.name());
                if (cell == null || !cell.isString()) {
                    continue;
                }
                JsonNode value = castValue(field, cast.get(j));
                if (value != null) {
                    if (copy == null) {
                        copy = record.deepCopy();
                    }
                    copy.set(field.name(), value);
                }
            }
            out.add(copy == null ? record : copy);
        }
        return out;
    }

    private static @Nullable JsonNode castValue(SchemaField field, @Nullable Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (field.kind()) {
            case BOOLEAN, INTEGER, NUMBER ->
                switch (value) {
                    case null -> nodes.nullNode();
                    case Boolean b -> nodes.booleanNode(b);
                    case Long l -> nodes.numberNode(l);
                    case Integer n -> nodes.numberNode(n);
                    case BigInteger b -> nodes.numberNode(b);
                    case BigDecimal d -> nodes.numberNode(d);
                    default -> null;
                };
            default -> null;
        };
    }

    /** A dry run of {@code rows} (objects or arrays in field order) against the table's schema and stored rows. */
    public @Nullable ValidationReport validate(String resourceId, @Nullable TableDef stored, List<JsonNode> rows) {
        if (!(entry(resourceId) instanceof Enforced enforced)) {
            return null;
        }
        return run(enforced, enforced.schema(), stored, rows, stored != null);
    }

    private Entry entry(String resourceId) {
        if (engine == null) {
            return FREE;
        }
        return cache.computeIfAbsent(resourceId, id -> {
            DataTable table = lookup.byResourceId(id);
            if (table == null) {
                return FREE;
            }
            TableSchema schema = TableSchemas.read(table.jsonSchema());
            // A resource made by CKAN's resource_create has no fields until its first datastore_create:
            // it declares nothing to enforce, and its columns' own types still check every value.
            return schema.fields().isEmpty() ? FREE : new Enforced(table, schema);
        });
    }

    /** Inserts and upserts carry whole rows; only an insert must not repeat a stored key. */
    private ValidationReport whole(
            Enforced enforced, @Nullable TableDef stored, WriteMethod method, List<ObjectNode> records) {
        List<JsonNode> rows = new ArrayList<>(records.size());
        for (ObjectNode r : records) {
            rows.add(withoutId(r));
        }
        return run(enforced, enforced.schema(), stored, rows, stored != null && method == WriteMethod.INSERT);
    }

    /** An update names only the cells it changes: each record is checked against those fields of the schema. */
    private ValidationReport partial(Enforced enforced, @Nullable TableDef stored, List<ObjectNode> records) {
        Map<Set<String>, TableSchema> schemas = new HashMap<>();
        List<RowError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ObjectNode row = withoutId(records.get(i));
            Set<String> names = new HashSet<>(row.propertyNames());
            TableSchema schema = schemas.computeIfAbsent(names, n -> narrowed(enforced.schema(), n));
            ValidationReport one = new RowValidator(schema, new ForeignKeys(engine(), lookup, enforced.table(), stored))
                    .validate(List.of(row), FIRST_ROW + i, ExistingKeys.NONE);
            errors.addAll(one.errors());
        }
        return new ValidationReport(errors.isEmpty(), records.size(), errors, List.of());
    }

    private static TableSchema narrowed(TableSchema schema, Set<String> names) {
        List<SchemaField> fields =
                schema.fields().stream().filter(f -> names.contains(f.name())).toList();
        return new TableSchema(
                fields,
                names.containsAll(schema.primaryKey()) ? schema.primaryKey() : List.of(),
                List.of(),
                schema.foreignKeys().stream()
                        .filter(fk -> names.containsAll(fk.fields()))
                        .toList(),
                schema.missingValues(),
                schema.descriptor());
    }

    private ValidationReport run(
            Enforced enforced, TableSchema schema, @Nullable TableDef stored, List<JsonNode> rows, boolean storedKeys) {
        RowValidator validator = new RowValidator(schema, new ForeignKeys(engine(), lookup, enforced.table(), stored));
        ValidationReport first = validator.validate(rows, FIRST_ROW, ExistingKeys.NONE);
        if (!storedKeys || stored == null) {
            return first;
        }
        Map<List<String>, Set<List<String>>> present = storedKeys(schema, stored, first);
        if (present.values().stream().allMatch(Set::isEmpty)) {
            return first;
        }
        // Some key is stored already: validate again so the errors name it in Frictionless's order.
        return validator.validate(rows, FIRST_ROW, (fields, values) -> present.getOrDefault(fields, Set.of())
                .contains(StoredKeys.key(values)));
    }

    /** For each key of the schema, the batch's values of it that the stored table already holds. */
    private Map<List<String>, Set<List<String>>> storedKeys(
            TableSchema schema, TableDef stored, ValidationReport report) {
        List<List<String>> keys = new ArrayList<>();
        if (!schema.primaryKey().isEmpty()) {
            keys.add(schema.primaryKey());
        }
        for (SchemaField f : schema.fields()) {
            if (f.unique()) {
                keys.add(List.of(f.name()));
            }
        }
        keys.addAll(schema.uniqueKeys());
        Map<List<String>, Set<List<String>>> present = new HashMap<>();
        StoredKeys lookupKeys = new StoredKeys(engine());
        for (List<String> key : keys) {
            Set<List<Object>> tuples = new HashSet<>();
            for (List<@Nullable Object> row : report.castRows()) {
                List<Object> tuple = new ArrayList<>(key.size());
                for (String f : key) {
                    Object v = row.get(schema.indexOf(f));
                    if (v == null) {
                        break;
                    }
                    tuple.add(v);
                }
                if (tuple.size() == key.size()) {
                    tuples.add(tuple);
                }
            }
            present.put(key, lookupKeys.present(stored, key, tuples));
        }
        return present;
    }

    private StorageEngine engine() {
        return Objects.requireNonNull(engine);
    }

    private static ObjectNode withoutId(ObjectNode record) {
        if (!record.has(ID)) {
            return record;
        }
        ObjectNode copy = record.deepCopy();
        copy.remove(ID);
        return copy;
    }

    /**
     * The surface-neutral refusal: CKAN's {@code records} messages with 1-based record numbers and {@code
     * records_row} (the first refused record), the Frictionless report as its cause.
     */
    static ApiException refusal(ValidationReport report) {
        List<String> messages = new ArrayList<>();
        for (RowError e : report.errors()) {
            messages.add("row \"" + (e.rowNumber() - 1) + "\": " + describe(e));
        }
        int first = report.errors().isEmpty() ? 1 : report.errors().get(0).rowNumber() - 1;
        return ApiException.validation(
                Map.of("records", messages), Map.of("records_row", first), new InvalidRowsException(report));
    }

    private static String describe(RowError e) {
        StringBuilder out = new StringBuilder(e.type());
        if (e.fieldName() != null) {
            out.append(" in field \"").append(e.fieldName()).append('"');
        }
        if (!e.note().isEmpty()) {
            out.append(": ").append(e.note());
        }
        return out.toString();
    }
}
