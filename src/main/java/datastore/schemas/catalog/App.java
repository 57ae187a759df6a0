package datastore.schemas.catalog;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An app: the top of the catalog (CKAN's organization), holding data sources.
 *
 * @param deletionId the soft delete that made it inactive; null while active
 */
public record App(
        String id,
        String name,
        String slug,
        String description,
        long datasourceCount,
        long tableCount,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String deletionId) {
    public App {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(slug, "slug is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    public boolean active() {
        return deletionId == null;
    }
}
