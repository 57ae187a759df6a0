package datastore.services.stream;

import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One output column: its id and its type as CKAN reports it.
 *
 * @param id the column id as shown to clients
 * @param type the column's type
 * @param rank true for a full-text rank column ({@code rank} or {@code rank <col>}), which CKAN
 *     reports as {@code float} whatever its storage type
 * @param info the data-dictionary {@code info} object, or {@code null} when the column has none
 */
public record OutputField(
        String id, FieldType type, boolean rank, @Nullable JsonNode info) {

    private static final FieldType FLOAT4 = new FieldType(BaseType.FLOAT4, false);

    public OutputField {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
    }

    /** A plain (non-rank) column without info. */
    public OutputField(String id, FieldType type) {
        this(id, type, false, null);
    }

    /** A full-text rank column ({@code rank} or {@code rank <col>}), a float4 reported as {@code float}. */
    public static OutputField rankColumn(String id) {
        return new OutputField(id, FLOAT4, true, null);
    }

    /** This column with the given data-dictionary info ({@code null} for none). */
    public OutputField withInfo(@Nullable JsonNode newInfo) {
        return new OutputField(id, type, rank, newInfo);
    }

    /**
     * The type name datastore_search and dump report: {@code int} for the synthetic {@code _id},
     * {@code float} for rank columns, otherwise the PostgreSQL typname ({@code int4}, {@code _text}, …).
     */
    public String reportedType() {
        if (rank) {
            return "float";
        }
        if (id.equals("_id") && type.equals(FieldType.INT4)) {
            return "int";
        }
        return type.typname();
    }
}
