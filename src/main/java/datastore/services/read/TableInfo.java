package datastore.services.read;

import datastore.schemas.types.FieldType;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a table is, for {@code datastore_info} and the other surfaces' table descriptions: its id, row
 * count, storage sizes, aliases and columns with their data dictionary and index facts.
 */
public record TableInfo(
        String id,
        long rowCount,
        String tableType,
        long size,
        long dbSize,
        long indexSize,
        List<String> aliases,
        List<String> primaryKey,
        List<Field> fields) {

    public TableInfo {
        Objects.requireNonNull(id, "id is null");
        aliases = List.copyOf(aliases);
        primaryKey = List.copyOf(primaryKey);
        fields = List.copyOf(fields);
    }

    /**
     * One column.
     *
     * @param nativeType PostgreSQL's {@code format_type()} spelling
     * @param info the data dictionary entry; null when none was given
     * @param indexName the index on this column; null when there is none
     */
    public record Field(
            String id,
            FieldType type,
            String nativeType,
            @Nullable JsonNode info,
            boolean notNull,
            @Nullable String indexName,
            boolean isIndex,
            boolean uniqueKey) {
        public Field {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(type, "type is null");
        }
    }
}
