package datastore.api.datasette;

import datastore.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /{db}/{table}/-/alter}, checked as Datasette's pydantic models check it
 * ({@code AlterTableRequest}, {@code extra="forbid"}), with pydantic's locations and messages, every
 * problem reported together.
 */
final class DatasetteAlterRequest {
    /** Every tag Datasette's operation union knows, in its order (pydantic lists them so). */
    static final List<String> TAGS = List.of(
            "add_column",
            "rename_column",
            "rename_table",
            "alter_column",
            "drop_column",
            "set_primary_key",
            "reorder_columns",
            "add_foreign_key",
            "drop_foreign_key",
            "set_foreign_keys");

    private static final List<String> TYPES = List.of("text", "integer", "float", "blob");
    private static final List<String> DEFAULT_EXPRESSIONS =
            List.of("current_timestamp", "current_date", "current_time", "current_unixtime", "current_unixtime_ms");
    private static final Pattern TABLE_NAME = Pattern.compile("^(?!sqlite_)[^\\n]+$");
    private static final Set<String> TRUE = Set.of("1", "true", "t", "yes", "y", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "f", "no", "n", "off");

    /** How one argument is checked. */
    private enum Kind {
        STRING,
        BOOL,
        NULLABLE_BOOL,
        TYPE,
        NULLABLE_TYPE,
        ANY,
        DEFAULT_EXPR,
        STRINGS
    }

    /** An operation's arguments model: its name, its fields in declaration order, the required ones. */
    private record Model(String name, Map<String, Kind> fields, Set<String> required) {}

    private static final Map<String, Model> MODELS = Map.of(
            "add_column",
            model(
                    "AddColumnArgs",
                    Set.of("name"),
                    "default",
                    Kind.ANY,
                    "default_expr",
                    Kind.DEFAULT_EXPR,
                    "name",
                    Kind.STRING,
                    "type",
                    Kind.TYPE,
                    "not_null",
                    Kind.BOOL),
            "rename_column",
            model("RenameColumnArgs", Set.of("name", "to"), "name", Kind.STRING, "to", Kind.STRING),
            "rename_table",
            model("RenameTableArgs", Set.of("to"), "to", Kind.STRING),
            "alter_column",
            model(
                    "AlterColumnArgs",
                    Set.of("name"),
                    "default",
                    Kind.ANY,
                    "default_expr",
                    Kind.DEFAULT_EXPR,
                    "name",
                    Kind.STRING,
                    "type",
                    Kind.NULLABLE_TYPE,
                    "not_null",
                    Kind.NULLABLE_BOOL),
            "drop_column",
            model("DropColumnArgs", Set.of("name"), "name", Kind.STRING),
            "set_primary_key",
            model("SetPrimaryKeyArgs", Set.of("columns"), "columns", Kind.STRINGS),
            "reorder_columns",
            model("ReorderColumnsArgs", Set.of("columns"), "columns", Kind.STRINGS));

    /**
     * One operation of the body.
     *
     * @param args its arguments (empty for the foreign-key operations, which are not checked further)
     */
    record Operation(int index, String op, ObjectNode args) {
        /** Where pydantic locates this operation's problems: {@code operations.0.add_column}. */
        String location() {
            return "operations." + index + "." + op;
        }
    }

    private final List<String> errors = new ArrayList<>();

    private DatasetteAlterRequest() {}

    /** The operations of {@code body}, in order; 400 with every problem otherwise. */
    static List<Operation> parse(JsonNode body) {
        if (!body.isObject()) {
            throw DatasetteRequests.badRequest("JSON must be a dictionary");
        }
        DatasetteAlterRequest r = new DatasetteAlterRequest();
        List<Operation> ops = r.operations(body);
        for (String key : body.propertyNames()) {
            if (!key.equals("operations")) {
                r.errors.add(key + ": Extra inputs are not permitted");
            }
        }
        if (!r.errors.isEmpty()) {
            throw DatasetteRequests.badRequest(r.errors);
        }
        return ops;
    }

    private List<Operation> operations(JsonNode body) {
        List<Operation> out = new ArrayList<>();
        JsonNode list = body.get("operations");
        if (list == null) {
            errors.add("operations: Field required");
            return out;
        }
        if (!list.isArray()) {
            errors.add("operations: Input should be a valid list");
            return out;
        }
        if (list.isEmpty()) {
            errors.add("operations: List should have at least 1 item after validation, not 0");
        }
        for (int i = 0; i < list.size(); i++) {
            Operation op = operation(i, list.get(i));
            if (op != null) {
                out.add(op);
            }
        }
        return out;
    }

    private @Nullable Operation operation(int i, JsonNode item) {
        String at = "operations." + i;
        if (!item.isObject()) {
            errors.add(at + ": Input should be a valid dictionary or object to extract fields from");
            return null;
        }
        JsonNode tag = item.get("op");
        if (tag == null) {
            errors.add(at + ": Unable to extract tag using discriminator 'op'");
            return null;
        }
        String op = tag.isString() ? tag.asString() : tag.toString();
        if (!TAGS.contains(op)) {
            errors.add(at + ": Input tag '" + op + "' does not match any of the expected tags: '"
                    + String.join("', '", TAGS) + "'");
            return null;
        }
        Operation operation = new Operation(i, op, (ObjectNode) item);
        int before = errors.size();
        JsonNode args = item.get("args");
        String argsAt = operation.location() + ".args";
        Model model = MODELS.get(op);
        if (args == null) {
            errors.add(argsAt + ": Field required");
        } else if (model != null && !args.isObject()) {
            errors.add(argsAt + ": Input should be a valid dictionary or instance of " + model.name());
        } else if (model != null) {
            args(argsAt, op, model, (ObjectNode) args);
        }
        for (String key : item.propertyNames()) {
            if (!key.equals("op") && !key.equals("args")) {
                errors.add(operation.location() + "." + key + ": Extra inputs are not permitted");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new Operation(
                i,
                op,
                args != null && args.isObject()
                        ? (ObjectNode) args
                        : JsonMappers.standard().createObjectNode());
    }

    private void args(String at, String op, Model model, ObjectNode args) {
        int before = errors.size();
        model.fields().forEach((name, kind) -> {
            JsonNode value = args.get(name);
            if (value == null) {
                if (model.required().contains(name)) {
                    errors.add(at + "." + name + ": Field required");
                }
                return;
            }
            check(at + "." + name, kind, value);
        });
        for (String key : args.propertyNames()) {
            if (!model.fields().containsKey(key)) {
                errors.add(at + "." + key + ": Extra inputs are not permitted");
            }
        }
        if (errors.size() > before) {
            return;
        }
        // The models' own validators run once their fields are valid.
        if (model.fields().containsKey("default_expr")) {
            if (args.has("default") && args.has("default_expr")) {
                errors.add(at + ": Value error, default and default_expr cannot both be provided");
            } else if (args.has("default_expr") && args.get("default_expr").isNull()) {
                errors.add(at + ": Value error, default_expr cannot be null");
            }
        }
        if (op.equals("alter_column")
                && !(args.has("type") || args.has("not_null") || args.has("default") || args.has("default_expr"))) {
            errors.add(at + ": Value error, At least one of type, not_null, default or default_expr must be provided");
        }
        if (op.equals("rename_table")
                && !TABLE_NAME.matcher(args.get("to").asString()).matches()) {
            errors.add(at + ".to: Invalid table name");
        }
    }

    private void check(String at, Kind kind, JsonNode value) {
        switch (kind) {
            case STRING -> {
                if (!value.isString()) {
                    errors.add(at + ": Input should be a valid string");
                }
            }
            case BOOL, NULLABLE_BOOL -> {
                if (!(kind == Kind.NULLABLE_BOOL && value.isNull()) && bool(value) == null) {
                    errors.add(at + ": Input should be a valid boolean");
                }
            }
            case TYPE, NULLABLE_TYPE -> {
                if (!(kind == Kind.NULLABLE_TYPE && value.isNull())
                        && !(value.isString() && TYPES.contains(value.asString()))) {
                    errors.add(at + ": Input should be 'text', 'integer', 'float' or 'blob'");
                }
            }
            case DEFAULT_EXPR -> {
                if (!value.isNull() && !(value.isString() && DEFAULT_EXPRESSIONS.contains(value.asString()))) {
                    errors.add(at + ": Input should be '"
                            + String.join("', '", DEFAULT_EXPRESSIONS.subList(0, DEFAULT_EXPRESSIONS.size() - 1))
                            + "' or '" + DEFAULT_EXPRESSIONS.getLast() + "'");
                }
            }
            case STRINGS -> {
                if (!value.isArray()) {
                    errors.add(at + ": Input should be a valid list");
                    return;
                }
                if (value.isEmpty()) {
                    errors.add(at + ": List should have at least 1 item after validation, not 0");
                }
                for (int j = 0; j < value.size(); j++) {
                    if (!value.get(j).isString()) {
                        errors.add(at + "." + j + ": Input should be a valid string");
                    }
                }
            }
            case ANY -> {}
        }
    }

    /** Pydantic's lax boolean: true/false, 0/1, and the usual words; null when it is none of them. */
    private static @Nullable Boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)) {
            return value.asLong() == 1;
        }
        if (value.isString()) {
            String s = value.asString().toLowerCase(java.util.Locale.ROOT);
            return TRUE.contains(s) ? Boolean.TRUE : FALSE.contains(s) ? Boolean.FALSE : null;
        }
        return null;
    }

    /** Whether a checked boolean argument is true; an absent or null one is false. */
    static boolean truthy(@Nullable JsonNode value) {
        return value != null && Boolean.TRUE.equals(bool(value));
    }

    private static Model model(String name, Set<String> required, Object... fields) {
        Map<String, Kind> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            out.put((String) fields[i], (Kind) fields[i + 1]);
        }
        return new Model(name, out, required);
    }
}
