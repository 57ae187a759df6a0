package datastore.schemas.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A data table as a create, replace or patch asks for it; null = not given.
 *
 * @param materialize on create: build its datastore table now (the default)
 * @param renames old field name → new field name, for a schema change
 * @param allowDataLoss let a schema change drop fields that hold data
 */
public record TableChange(
        @Nullable String name,
        @Nullable String slug,
        @Nullable String description,
        @Nullable JsonNode jsonSchema,
        boolean materialize,
        Map<String, String> renames,
        boolean allowDataLoss) {
    public TableChange {
        renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames));
    }
}
