package datastore.schemas.catalog;

import org.jspecify.annotations.Nullable;

/** An app as a create, replace ({@code PUT}) or patch asks for it; null = not given. */
public record AppChange(
        @Nullable String name,
        @Nullable String slug,
        @Nullable String description) {}
