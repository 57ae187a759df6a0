package datastore.schemas.catalog;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A package as a caller sent it, checked: its name (null when an update names it by id only), the
 * organization it names (null: the default app), its fields and, when sent, its resources.
 */
@NullMarked
public record PackageInput(
        @Nullable String id,
        @Nullable String name,
        @Nullable String ownerOrg,
        PackageFields fields,
        @Nullable List<ResourceInput> resources) {
    public PackageInput {
        Objects.requireNonNull(fields, "fields is null");
        resources = resources == null ? null : List.copyOf(resources);
    }

    /** The id or name the caller addressed the package by (update, patch, show, delete). */
    public @Nullable String reference() {
        return id != null ? id : name;
    }
}
