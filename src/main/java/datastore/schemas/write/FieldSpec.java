package datastore.schemas.write;

import datastore.schemas.types.FieldType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One declared column of a table design.
 *
 * @param type null when the type is to be guessed from the first record
 * @param typeName the type as the caller spelled it (echoed back as CKAN does); null when not given
 * @param info the data dictionary entry; null when not given
 */
public record FieldSpec(
        String id,
        @Nullable FieldType type,
        @Nullable String typeName,
        @Nullable JsonNode info) {
    public FieldSpec {
        Objects.requireNonNull(id, "id is null");
    }
}
