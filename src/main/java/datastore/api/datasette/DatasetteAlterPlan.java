package datastore.api.datasette;

import datastore.core.json.JsonMappers;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.schemas.validation.Names;
import datastore.schemas.write.TableAlteration;
import datastore.services.tables.TableShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Datasette's alter operations, checked against a table and folded into one {@link TableAlteration}.
 * The operations apply in the order given (each sees the columns the ones before it left), except
 * {@code rename_table}, which always applies last. Every error is collected before anything changes.
 */
final class DatasetteAlterPlan {
    /** The key in a data dictionary entry that marks a text column as holding Datasette BLOBs. */
    static final String DATASETTE_TYPE = "datasette_type";

    private final TableShape table;
    private final Predicate<String> tableExists;
    private final List<Col> cols = new ArrayList<>();
    private List<String> primaryKey;
    private @Nullable String renameTo;
    private final List<String> errors = new ArrayList<>();

    /** One column as the operations so far left it. */
    private static final class Col {
        final @Nullable String from;
        String id;
        FieldType type;

        @Nullable
        JsonNode info;

        Col(@Nullable String from, String id, FieldType type, @Nullable JsonNode info) {
            this.from = from;
            this.id = id;
            this.type = type;
            this.info = info;
        }
    }

    private DatasetteAlterPlan(TableShape table, Predicate<String> tableExists) {
        this.table = table;
        this.tableExists = tableExists;
        for (TableShape.Column c : table.columns()) {
            cols.add(new Col(c.id(), c.id(), c.type(), c.info()));
        }
        this.primaryKey = new ArrayList<>(table.primaryKey());
    }

    /**
     * Folds {@code operations} over {@code table}; 400 naming every operation that cannot apply (an
     * unknown or clashing column, a table name in use, what this datastore cannot store).
     */
    static TableAlteration fold(
            TableShape table, List<DatasetteAlterRequest.Operation> operations, Predicate<String> tableExists) {
        DatasetteAlterPlan plan = new DatasetteAlterPlan(table, tableExists);
        operations.forEach(plan::apply);
        if (!plan.errors.isEmpty()) {
            throw DatasetteRequests.badRequest(plan.errors);
        }
        List<TableAlteration.Field> fields = new ArrayList<>();
        for (Col c : plan.cols) {
            fields.add(new TableAlteration.Field(c.from, c.id, c.type, c.info));
        }
        return new TableAlteration(fields, plan.primaryKey, plan.renameTo);
    }

    private void apply(DatasetteAlterRequest.Operation op) {
        String at = op.location() + ".args";
        ObjectNode args = op.args();
        switch (op.op()) {
            case "add_column" -> addColumn(at, args);
            case "rename_column" -> renameColumn(at, args);
            case "drop_column" -> dropColumn(at, args);
            case "alter_column" -> alterColumn(at, args);
            case "set_primary_key" -> setPrimaryKey(at, args);
            case "reorder_columns" -> reorderColumns(at, args);
            case "rename_table" -> renameTable(at, args);
            default ->
                errors.add(op.location() + ": " + op.op() + " is not supported: this datastore has no foreign keys");
        }
    }

    private void addColumn(String at, ObjectNode args) {
        String name = args.get("name").asString();
        boolean notNull = DatasetteAlterRequest.truthy(args.get("not_null"));
        boolean hasDefault = args.has("default") && !args.get("default").isNull();
        if (notNull && !hasDefault && !args.has("default_expr")) {
            errors.add("add_column args.default or args.default_expr is required when not_null is true");
            return;
        }
        if (!unsupportedDefaults(at, args, notNull)) {
            return;
        }
        if (find(name) != null) {
            errors.add(at + ".name: Column already exists: " + name);
            return;
        }
        if (!validName(at + ".name", name)) {
            return;
        }
        String type = args.has("type") ? args.get("type").asString() : "text";
        cols.add(new Col(null, name, fieldType(type), info(null, type)));
    }

    private void renameColumn(String at, ObjectNode args) {
        Col col = existing(at + ".name", args.get("name").asString());
        String to = args.get("to").asString();
        if (col == null || col.id.equals(to)) {
            return;
        }
        if (find(to) != null) {
            errors.add(at + ".to: Column already exists: " + to);
            return;
        }
        if (!validName(at + ".to", to)) {
            return;
        }
        String old = col.id;
        primaryKey = primaryKey.stream().map(k -> k.equals(old) ? to : k).toList();
        col.id = to;
    }

    private void dropColumn(String at, ObjectNode args) {
        Col col = existing(at + ".name", args.get("name").asString());
        if (col != null) {
            cols.remove(col);
            if (primaryKey.contains(col.id)) {
                // As datastore_create does when a key column goes: the table has no primary key left.
                primaryKey = List.of();
            }
        }
    }

    private void alterColumn(String at, ObjectNode args) {
        Col col = existing(at + ".name", args.get("name").asString());
        boolean notNull = DatasetteAlterRequest.truthy(args.get("not_null"));
        if (!unsupportedDefaults(at, args, notNull) || col == null) {
            return;
        }
        JsonNode type = args.get("type");
        if (type != null && !type.isNull() && !type.asString().equals(datasetteType(col.type, col.info))) {
            col.type = fieldType(type.asString());
            col.info = info(col.info, type.asString());
        }
    }

    private void setPrimaryKey(String at, ObjectNode args) {
        List<String> columns = columns(at + ".columns", args);
        if (columns != null) {
            primaryKey = columns;
        }
    }

    private void reorderColumns(String at, ObjectNode args) {
        List<String> columns = columns(at + ".columns", args);
        if (columns == null) {
            return;
        }
        List<Col> ordered = new ArrayList<>();
        columns.forEach(id -> ordered.add(Objects.requireNonNull(find(id))));
        cols.stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        cols.clear();
        cols.addAll(ordered);
    }

    private void renameTable(String at, ObjectNode args) {
        String to = args.get("to").asString();
        if (to.equals(table.id())) {
            renameTo = null;
            return;
        }
        var problem = Names.resourceIdProblem(to);
        if (problem.isPresent()) {
            errors.add(at + ".to: Invalid table name: " + problem.get());
        } else if (tableExists.test(to)) {
            errors.add(at + ".to: Table already exists: " + to);
        } else {
            renameTo = to;
        }
    }

    /** Existing columns named by {@code columns}, each once; null (and errors) when one is not. */
    private @Nullable List<String> columns(String at, ObjectNode args) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (JsonNode n : args.get("columns")) {
            String id = n.asString();
            if (!seen.add(id)) {
                errors.add(at + ": Duplicate column: " + id);
                ok = false;
            } else if (find(id) == null) {
                errors.add(at + ": Column not found: " + id);
                ok = false;
            }
            out.add(id);
        }
        return ok ? out : null;
    }

    /**
     * Datastore columns have no defaults and no NOT NULL: asking for them is an error, asking for their
     * absence ({@code "default": null}, {@code "not_null": false}) is fine. Returns whether all is fine.
     */
    private boolean unsupportedDefaults(String at, ObjectNode args, boolean notNull) {
        boolean ok = true;
        if (args.has("default") && !args.get("default").isNull()) {
            errors.add(at + ".default: Column defaults are not supported by this datastore");
            ok = false;
        }
        if (args.has("default_expr")) {
            errors.add(at + ".default_expr: Column defaults are not supported by this datastore");
            ok = false;
        }
        if (notNull) {
            errors.add(at + ".not_null: NOT NULL columns are not supported by this datastore");
            ok = false;
        }
        return ok;
    }

    private @Nullable Col existing(String at, String id) {
        Col col = find(id);
        if (col == null) {
            errors.add(at + ": Column not found: " + id);
        }
        return col;
    }

    private @Nullable Col find(String id) {
        for (Col c : cols) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }

    private boolean validName(String at, String name) {
        var problem = Names.fieldProblem(name);
        problem.ifPresent(p -> errors.add(at + ": Invalid column name: " + name + ": " + p));
        return problem.isEmpty();
    }

    /** The datastore type a Datasette column type is stored as: a blob is text (base64) marked in its info. */
    static FieldType fieldType(String datasetteType) {
        return switch (datasetteType) {
            case "integer" -> FieldType.INT8;
            case "float" -> FieldType.FLOAT8;
            default -> FieldType.TEXT;
        };
    }

    /** {@code info} with the blob mark set for a blob column and removed otherwise; null stays null. */
    static @Nullable JsonNode info(@Nullable JsonNode info, String datasetteType) {
        boolean blob = datasetteType.equals("blob");
        if (info != null && !info.isObject()) {
            return info;
        }
        if (info == null && !blob) {
            return null;
        }
        ObjectNode out = info == null ? JsonMappers.standard().createObjectNode() : ((ObjectNode) info).deepCopy();
        if (blob) {
            out.put(DATASETTE_TYPE, "blob");
        } else {
            out.remove(DATASETTE_TYPE);
        }
        return out;
    }

    /** The Datasette type a datastore column reads as; null for one outside Datasette's four. */
    static @Nullable String datasetteType(FieldType type, @Nullable JsonNode info) {
        if (type.array()) {
            return null;
        }
        if (type.base() == BaseType.TEXT) {
            return info != null && "blob".equals(info.path(DATASETTE_TYPE).asString("")) ? "blob" : "text";
        }
        return switch (type.base()) {
            case INT2, INT4, INT8 -> "integer";
            case FLOAT4, FLOAT8 -> "float";
            default -> null;
        };
    }

    /**
     * The table as SQLite would describe it (Datasette's {@code schema}): Datasette's four types as
     * SQLite spells them, any other column type by its datastore name; {@code _id} is the rowid.
     */
    static String schema(TableShape t) {
        List<String> lines = new ArrayList<>();
        for (TableShape.Column c : t.columns()) {
            String type = datasetteType(c.type(), c.info());
            String sql = type == null
                    ? c.type().typname().toUpperCase(java.util.Locale.ROOT)
                    : Map.of("text", "TEXT", "integer", "INTEGER", "float", "REAL", "blob", "BLOB")
                            .get(type);
            boolean key =
                    t.primaryKey().size() == 1 && t.primaryKey().getFirst().equals(c.id());
            lines.add("   " + quote(c.id()) + " " + sql + (key ? " PRIMARY KEY" : ""));
        }
        if (t.primaryKey().size() > 1) {
            lines.add("   PRIMARY KEY ("
                    + String.join(
                            ", ",
                            t.primaryKey().stream()
                                    .map(DatasetteAlterPlan::quote)
                                    .toList()) + ")");
        }
        return "CREATE TABLE " + quote(t.id()) + " (\n" + String.join(",\n", lines) + (lines.isEmpty() ? "" : "\n")
                + ")";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
