package datastore.schemas.catalog;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A data source as a create, replace or patch asks for it; null = not given. */
public record DataSourceChange(
        @Nullable String name,
        @Nullable String slug,
        @Nullable ProviderType providerType,
        @Nullable ObjectNode providerConfig,
        @Nullable String description) {}
