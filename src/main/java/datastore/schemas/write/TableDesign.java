package datastore.schemas.write;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a caller wants a table to be, as every surface asks for it: declared columns, first records, keys,
 * indexes and aliases. A null key, index list or alias list keeps what the table has.
 *
 * @param deleteFields whether existing columns that {@code fields} does not list are dropped
 */
public record TableDesign(
        List<FieldSpec> fields,
        List<ObjectNode> records,
        @Nullable List<String> primaryKey,
        @Nullable List<List<String>> indexes,
        @Nullable List<String> aliases,
        boolean deleteFields) {

    public TableDesign {
        fields = List.copyOf(fields);
        records = List.copyOf(records);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
        indexes = indexes == null ? null : indexes.stream().map(List::copyOf).toList();
        aliases = aliases == null ? null : List.copyOf(aliases);
    }
}
