package datastore.schemas.frictionless;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one field's cells as frictionless-py's {@code create_cell_reader}: a missing value becomes null, otherwise the
 * value reader casts it (a failure is the type note), and only a cast value is checked against the constraints, whose
 * own values were cast first. Unlike frictionless-py, {@code pattern} must match the whole value, as the standard says.
 */
final class CellReader {
    /** The order constraints are checked and reported in (frictionless-py's {@code supported_constraints} order). */
    private static final List<String> ORDER = List.of(
            "required",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "pattern",
            "enum");

    /** A read cell: its value (null when missing or not castable), the type note, and the constraint notes. */
    record Result(@Nullable Object value, @Nullable String typeNote, List<String> constraintNotes) {
        boolean blank() {
            return value == null && typeNote == null;
        }
    }

    private sealed interface Check {
        boolean passes(@Nullable Object value);
    }

    private record Required() implements Check {
        @Override
        public boolean passes(@Nullable Object value) {
            return value != null;
        }
    }

    private record Length(int bound, boolean min) implements Check {
        @Override
        public boolean passes(@Nullable Object value) {
            if (value == null) {
                return true;
            }
            int length =
                    switch (value) {
                        case String s -> s.codePointCount(0, s.length());
                        case JsonNode n -> n.size();
                        default -> 0;
                    };
            return min ? length >= bound : length <= bound;
        }
    }

    private record Bound(Object bound, boolean min, boolean exclusive) implements Check {
        @Override
        public boolean passes(@Nullable Object value) {
            if (value == null) {
                return true;
            }
            Integer c = Values.compare(value, bound);
            if (c == null) {
                return false; // NaN (frictionless-py: "for non-finite numbers the constraint always is not satisfied")
            }
            return min ? (exclusive ? c > 0 : c >= 0) : (exclusive ? c < 0 : c <= 0);
        }
    }

    private record Matches(Pattern pattern) implements Check {
        @Override
        public boolean passes(@Nullable Object value) {
            return value == null
                    || (value instanceof String s && pattern.matcher(s).matches());
        }
    }

    private record OneOf(List<@Nullable Object> values) implements Check {
        @Override
        public boolean passes(@Nullable Object value) {
            if (value == null) {
                return true;
            }
            for (Object v : values) {
                if (Values.same(value, v)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final SchemaField field;
    private final List<String> missingValues;
    private final ValueReader reader;
    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final String typeNote;

    CellReader(SchemaField field, List<String> schemaMissingValues) {
        this.field = field;
        JsonNode own = field.descriptor().path("missingValues");
        this.missingValues = own.isArray() ? TableSchemas.missingValues(own) : schemaMissingValues;
        this.reader = ValueReaders.of(field);
        this.typeNote = "type is \"" + field.kind().typeName() + "/" + field.format() + "\"";
        JsonNode constraints = field.descriptor().path("constraints");
        for (String name : ORDER) {
            JsonNode c = constraints.path(name);
            if (c.isMissingNode() || !Constraints.supports(field.kind(), name)) {
                continue;
            }
            Check check =
                    switch (name) {
                        case "required" -> c.asBoolean(false) ? new Required() : null;
                        case "minLength", "maxLength" -> new Length(c.asInt(), name.equals("minLength"));
                        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
                            Object bound = reader.read(c);
                            yield bound == null
                                    ? null
                                    : new Bound(bound, name.endsWith("inimum"), name.startsWith("exclusive"));
                        }
                        case "pattern" -> new Matches(Pattern.compile(c.asString()));
                        case "enum" -> {
                            List<@Nullable Object> values = new ArrayList<>();
                            c.forEach(v -> values.add(reader.read(v)));
                            yield new OneOf(values);
                        }
                        default -> null;
                    };
            if (check != null) {
                checks.put(name, check);
            }
        }
        if (field.required() && !checks.containsKey("required")) {
            // A primary-key field is required by the standard even without the constraint.
            Map<String, Check> withRequired = new LinkedHashMap<>();
            withRequired.put("required", new Required());
            withRequired.putAll(checks);
            checks.clear();
            checks.putAll(withRequired);
        }
    }

    SchemaField field() {
        return field;
    }

    /** The value reader alone (no missing values, no constraints): for a constraint's own value. */
    ValueReader valueReader() {
        return reader;
    }

    Result read(@Nullable JsonNode cell) {
        Object value = null;
        if (cell != null && !cell.isNull() && !cell.isMissingNode() && !missingValues.contains(PyText.str(cell))) {
            value = reader.read(cell);
            if (value == null) {
                return new Result(null, typeNote, List.of());
            }
        }
        List<String> notes = List.of();
        for (Map.Entry<String, Check> c : checks.entrySet()) {
            if (!c.getValue().passes(value)) {
                if (notes.isEmpty()) {
                    notes = new ArrayList<>();
                }
                notes.add("constraint \"" + c.getKey() + "\" is \"" + constraintText(c.getKey()) + "\"");
            }
        }
        return new Result(value, null, notes);
    }

    private String constraintText(String name) {
        JsonNode c = field.constraint(name);
        // The implicit required of a primary-key field reads as the constraint would.
        return c.isMissingNode() ? "True" : PyText.str(c);
    }
}
