package datastore.infrastructure.engines;

import datastore.schemas.types.FieldType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One user column of a datastore table.
 *
 * @param info the data dictionary entry (CKAN's free-form {@code info} object), or null when unset
 */
public record ColumnDef(String id, FieldType type, @Nullable JsonNode info) {
    /** The synthetic row id column every table has. */
    public static final ColumnDef ID = new ColumnDef("_id", FieldType.INT8, null);

    public ColumnDef {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
    }

    public ColumnDef withInfo(@Nullable JsonNode newInfo) {
        return new ColumnDef(id, type, newInfo);
    }
}
