package datastore.schemas.write;

import datastore.schemas.types.FieldType;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What an existing table is to become, as a surface resolved it (Datasette's alter): every column
 * afterwards, in order, each naming the existing column it comes from (renamed, retyped or as it was)
 * or none for a new one; existing columns no field comes from are dropped.
 *
 * @param primaryKey the new primary key (empty: none); null keeps the table's
 * @param renameTo the table's new id; null keeps its id
 */
public record TableAlteration(
        List<Field> fields,
        @Nullable List<String> primaryKey,
        @Nullable String renameTo) {

    /**
     * One column afterwards.
     *
     * @param from the existing column it comes from; null for a new column
     * @param info its data dictionary entry; null for none
     */
    public record Field(
            @Nullable String from,
            String id,
            FieldType type,
            @Nullable JsonNode info) {
        public Field {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(type, "type is null");
        }
    }

    public TableAlteration {
        fields = List.copyOf(fields);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
    }
}
