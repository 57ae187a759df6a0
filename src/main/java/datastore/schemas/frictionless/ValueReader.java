package datastore.schemas.frictionless;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Casts one non-null cell to its field's Java value; null when the cell is not a value of the type and format. */
@FunctionalInterface
interface ValueReader {
    @Nullable
    Object read(JsonNode cell);
}
