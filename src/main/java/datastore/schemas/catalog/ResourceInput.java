package datastore.schemas.catalog;

import java.util.Objects;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource as a caller sent it, checked: the catalog's own name and description, and CKAN's other
 * resource fields ({@code url}, {@code format}, {@code mimetype}, {@code size}, free extras) as one document.
 *
 * @param packageId null inside a package dict, where the package is the one being written
 */
@NullMarked
public record ResourceInput(
        @Nullable String id, @Nullable String packageId, String name, String description, ObjectNode fields) {
    public ResourceInput {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(fields, "fields is null");
    }
}
