package datastore.schemas.frictionless;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A valid Table Schema, read: fields in order, keys, and the schema-level missing values; {@code descriptor} as given. */
public record TableSchema(
        List<SchemaField> fields,
        List<String> primaryKey,
        List<List<String>> uniqueKeys,
        List<ForeignKey> foreignKeys,
        List<String> missingValues,
        JsonNode descriptor) {

    public TableSchema {
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
        foreignKeys = List.copyOf(foreignKeys);
        missingValues = List.copyOf(missingValues);
    }

    /** The field of that name, or null. */
    public @Nullable SchemaField field(String name) {
        for (SchemaField f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The field's position (0-based), or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> fieldNames() {
        return fields.stream().map(SchemaField::name).toList();
    }

    /** Which standard the descriptor declares through {@code $schema} (or {@code profile}). */
    public SchemaVersion version() {
        return SchemaVersion.of(descriptor);
    }
}
