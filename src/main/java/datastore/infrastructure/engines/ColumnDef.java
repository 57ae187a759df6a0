package datastore.infrastructure.engines;

import datastore.schemas.types.FieldType;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One user column of a datastore table.
 *
 * @param info the data dictionary entry (CKAN's free-form {@code info} object), or null when unset
 */
public record ColumnDef(String id, FieldType type, JsonNode info) {
    public ColumnDef {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
    }

    public ColumnDef withInfo(JsonNode newInfo) {
        return new ColumnDef(id, type, newInfo);
    }
}
