package datastore.schemas.frictionless;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One error found in the rows, as frictionless-py reports it: {@code type} ("type-error", "constraint-error",
 * "unique-error", "primary-key", "foreign-key", "missing-cell", "extra-cell", "blank-row", "source-error"), the row
 * number, the field for cell errors, and the message built from the error type's template.
 */
public record RowError(
        String type,
        int rowNumber,
        @Nullable String fieldName,
        @Nullable Integer fieldNumber,
        @Nullable String cell,
        String note,
        String message) {

    /** A row-level error (no field): blank-row, primary-key, foreign-key, source-error. */
    static RowError row(String type, int rowNumber, String note) {
        return new RowError(type, rowNumber, null, null, null, note, message(type, rowNumber, null, null, null, note));
    }

    /** A cell error, its message built from frictionless-py's template. */
    static RowError cell(String type, int rowNumber, String fieldName, int fieldNumber, String cell, String note) {
        return new RowError(
                type,
                rowNumber,
                fieldName,
                fieldNumber,
                cell,
                note,
                message(type, rowNumber, fieldName, fieldNumber, cell, note));
    }

    static String message(
            String type,
            int rowNumber,
            @Nullable String fieldName,
            @Nullable Integer fieldNumber,
            @Nullable String cell,
            String note) {
        return ErrorTypes.of(type)
                .template()
                .replace("{rowNumber}", String.valueOf(rowNumber))
                .replace("{fieldNumber}", String.valueOf(fieldNumber))
                .replace("{fieldName}", String.valueOf(fieldName))
                .replace("{cell}", String.valueOf(cell))
                .replace("{note}", note);
    }

    /** frictionless-py's error descriptor: type, title, description, message, tags, note, rowNumber (and cell fields). */
    public ObjectNode toJson() {
        ErrorTypes.Type t = ErrorTypes.TYPES.get(type);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", type);
        if (t != null) {
            out.put("title", t.title());
            out.put("description", t.description());
        }
        out.put("message", message);
        ArrayNode tags = out.putArray("tags");
        if (t != null) {
            t.tags().forEach(tags::add);
        }
        out.put("note", note);
        out.put("rowNumber", rowNumber);
        if (cell != null) {
            out.put("cell", cell);
        }
        if (fieldName != null) {
            out.put("fieldName", fieldName);
        }
        if (fieldNumber != null) {
            out.put("fieldNumber", fieldNumber);
        }
        return out;
    }
}
