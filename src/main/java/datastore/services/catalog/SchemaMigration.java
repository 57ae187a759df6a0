package datastore.services.catalog;

import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.frictionless.ColumnTypes;
import datastore.schemas.frictionless.SchemaField;
import datastore.schemas.frictionless.TableSchema;
import datastore.schemas.query.FilterOp;
import datastore.schemas.query.Search;
import datastore.schemas.types.FieldType;
import datastore.schemas.write.TableAlteration;
import datastore.services.read.CursorRows;
import datastore.services.read.ReadService;
import datastore.services.tables.TableRef;
import datastore.services.tables.TableShape;
import datastore.services.write.WriteService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change of a {@code flat_table} table's schema as a migration of its datastore table: added fields,
 * explicit renames, widened types and dropped fields, in one engine transaction. Lossy changes are
 * refused with what blocks them: a narrowed type with up to {@value #SAMPLE} values that do not fit, a
 * dropped field that holds data (unless {@code allow_data_loss}).
 */
final class SchemaMigration {
    static final int SAMPLE = 10;

    private final ReadService read;
    private final WriteService write;

    SchemaMigration(ReadService read, WriteService write) {
        this.read = Objects.requireNonNull(read, "read is null");
        this.write = Objects.requireNonNull(write, "write is null");
    }

    /** How {@code after}'s fields come from {@code before}'s: each new field's source field, or none. */
    private record Plan(Map<String, @Nullable SchemaField> sources, List<SchemaField> dropped) {}

    /** The diff of a schema change that touches no data (not materialised, or {@code jsonb}). */
    JsonNode describe(TableSchema before, TableSchema after, Map<String, String> renames) {
        return diff(plan(before, after, renames), after);
    }

    /** Migrates {@code table} from {@code before} to {@code after}; returns the diff, or refuses with 400. */
    JsonNode migrate(
            TableRef table, TableSchema before, TableSchema after, Map<String, String> renames, boolean allowDataLoss) {
        Plan plan = plan(before, after, renames);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (int i = 0; i < after.fields().size(); i++) {
            SchemaField to = after.fields().get(i);
            SchemaField from = plan.sources().get(to.name());
            if (from == null || sameType(from, to) || ColumnTypes.widens(from, to)) {
                continue;
            }
            String type = ColumnTypes.ckanType(to);
            List<String> blocking = misfits(table, from.name(), type);
            if (!blocking.isEmpty()) {
                problems.put(
                        "json_schema/fields/" + i + "/type",
                        List.of("cannot narrow \"" + from.name() + "\" from "
                                + from.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + " to " + to.kind().name().toLowerCase(java.util.Locale.ROOT)
                                + ": values that do not fit: " + String.join(", ", blocking)));
            }
        }
        if (!allowDataLoss) {
            for (SchemaField gone : plan.dropped()) {
                if (holdsData(table, gone.name())) {
                    problems.computeIfAbsent("json_schema/fields", k -> new ArrayList<>())
                            .add("dropping \"" + gone.name() + "\" would lose its data; send \"allow_data_loss\": true"
                                    + " to drop it anyway");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        Map<String, TableShape.Column> existing = new HashMap<>();
        table.columns().forEach(c -> existing.put(c.id(), c));
        List<TableAlteration.Field> fields = new ArrayList<>();
        for (SchemaField to : after.fields()) {
            SchemaField from = plan.sources().get(to.name());
            FieldType type = FieldType.parse(ColumnTypes.ckanType(to)).orElseThrow();
            TableShape.Column column = from == null ? null : existing.get(from.name());
            fields.add(new TableAlteration.Field(
                    from == null ? null : from.name(), to.name(), type, column == null ? null : column.info()));
        }
        write.alter(table, new TableAlteration(fields, after.primaryKey(), null));
        return diff(plan, after);
    }

    private static Plan plan(TableSchema before, TableSchema after, Map<String, String> renames) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Map<String, String> byNewName = new HashMap<>();
        for (Map.Entry<String, String> r : renames.entrySet()) {
            if (before.field(r.getKey()) == null) {
                problems.computeIfAbsent("renames", k -> new ArrayList<>())
                        .add("\"" + r.getKey() + "\" is not a field of the current schema");
            } else if (after.field(r.getValue()) == null) {
                problems.computeIfAbsent("renames", k -> new ArrayList<>())
                        .add("\"" + r.getValue() + "\" is not a field of the new json_schema");
            } else if (byNewName.put(r.getValue(), r.getKey()) != null) {
                problems.computeIfAbsent("renames", k -> new ArrayList<>())
                        .add("\"" + r.getValue() + "\" is the new name of two fields");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        Map<String, @Nullable SchemaField> sources = new LinkedHashMap<>();
        Set<String> used = new java.util.HashSet<>();
        for (SchemaField to : after.fields()) {
            String fromName = byNewName.get(to.name());
            if (fromName == null && before.field(to.name()) != null && !renames.containsKey(to.name())) {
                fromName = to.name();
            }
            SchemaField from = fromName == null ? null : before.field(fromName);
            sources.put(to.name(), from);
            if (from != null) {
                used.add(from.name());
            }
        }
        List<SchemaField> dropped =
                before.fields().stream().filter(f -> !used.contains(f.name())).toList();
        return new Plan(sources, dropped);
    }

    private static boolean sameType(SchemaField from, SchemaField to) {
        return ColumnTypes.ckanType(from).equals(ColumnTypes.ckanType(to));
    }

    private static JsonNode diff(Plan plan, TableSchema after) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        var added = o.putArray("added");
        var renamed = o.putObject("renamed");
        var retyped = o.putObject("retyped");
        for (SchemaField to : after.fields()) {
            SchemaField from = plan.sources().get(to.name());
            if (from == null) {
                added.add(to.name());
                continue;
            }
            if (!from.name().equals(to.name())) {
                renamed.put(from.name(), to.name());
            }
            if (!sameType(from, to)) {
                retyped.putObject(to.name())
                        .put("from", ColumnTypes.ckanType(from))
                        .put("to", ColumnTypes.ckanType(to));
            }
        }
        var dropped = o.putArray("dropped");
        plan.dropped().forEach(f -> dropped.add(f.name()));
        return o;
    }

    private boolean holdsData(TableRef table, String column) {
        try (CursorRows rows = read.dump(table, nonNull(column), 1L)) {
            return rows.next();
        }
    }

    /** Up to {@value #SAMPLE} distinct values of {@code column} that {@code type} cannot hold, as text. */
    private List<String> misfits(TableRef table, String column, String type) {
        List<String> out = new ArrayList<>();
        try (CursorRows rows = read.dump(table, nonNull(column), null)) {
            while (out.size() < SAMPLE && rows.next()) {
                Object v = rows.value(0);
                String text = v instanceof JsonNode j && j.isString() ? j.asString() : String.valueOf(v);
                if (!fits(text, type) && !out.contains(JsonMappers.standard().writeValueAsString(text))) {
                    out.add(JsonMappers.standard().writeValueAsString(text));
                }
            }
        }
        return out;
    }

    private static Search nonNull(String column) {
        return new Search(
                List.of(new Search.Filter(column, JsonMappers.standard().nullNode(), FilterOp.NOTNULL)),
                null,
                List.of(column),
                null,
                Integer.MAX_VALUE,
                0,
                false,
                false,
                null);
    }

    /** Whether a value, as text, is one the datastore type {@code type} can hold. */
    static boolean fits(String text, String type) {
        try {
            switch (type) {
                case "int8", "int4" -> {
                    long n = new BigDecimal(text).longValueExact();
                    return type.equals("int8") || (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE);
                }
                case "numeric" -> new BigDecimal(text);
                case "bool" -> {
                    return Set.of("true", "false").contains(text.toLowerCase(java.util.Locale.ROOT));
                }
                case "date" -> LocalDate.parse(text);
                case "time" -> LocalTime.parse(text);
                case "timestamp" -> LocalDateTime.parse(text.replace(' ', 'T'));
                case "text", "json" -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return false;
        }
    }

    static String names(List<SchemaField> fields) {
        return fields.stream().map(SchemaField::name).collect(Collectors.joining(", "));
    }
}
