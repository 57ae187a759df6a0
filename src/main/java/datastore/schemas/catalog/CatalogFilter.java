package datastore.schemas.catalog;

import org.jspecify.annotations.Nullable;

/**
 * What a catalog list is narrowed to, and which page of it: {@code q} matches name, slug or description
 * (case-insensitive substring); the others match exactly. Null means "any".
 */
public record CatalogFilter(
        @Nullable String q,
        @Nullable ProviderType providerType,
        @Nullable String datasourceId,
        @Nullable Boolean materialized,
        int limit,
        int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public CatalogFilter {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
    }

    /** The list-specific filters; the shared {@code q}, {@code limit} and {@code offset} come on build. */
    @FunctionalInterface
    public interface Builder {
        CatalogFilter build(@Nullable String q, int limit, int offset);
    }

    public static CatalogFilter all() {
        return new CatalogFilter(null, null, null, null, MAX_LIMIT, 0);
    }
}
