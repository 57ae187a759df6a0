package datastore.schemas.catalog;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data source of an app (CKAN's package): a provider and the tables it holds. Slugs are unique per
 * instance, as CKAN's package names are.
 *
 * @param deletionId the soft delete that made it inactive; null while active
 */
public record DataSource(
        String id,
        String appId,
        String appSlug,
        String name,
        String slug,
        ProviderType providerType,
        ObjectNode providerConfig,
        String description,
        long tableCount,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String deletionId) {
    public DataSource {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(appId, "appId is null");
        Objects.requireNonNull(appSlug, "appSlug is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(slug, "slug is null");
        Objects.requireNonNull(providerType, "providerType is null");
        Objects.requireNonNull(providerConfig, "providerConfig is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    public boolean active() {
        return deletionId == null;
    }
}
