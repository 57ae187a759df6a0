package datastore.schemas.catalog;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A data table of a data source (CKAN's resource), with its Table Schema and the datastore table that
 * holds its rows ({@code resourceId}, which every surface reaches it by).
 *
 * @param physicalName the engine's table name, {@code {app}_{table}}; the datastore resource id is the same
 * @param deletionId the soft delete that made it inactive; null while active
 */
public record DataTable(
        String id,
        String appId,
        String datasourceId,
        String name,
        String slug,
        String description,
        JsonNode jsonSchema,
        String schemaHash,
        String physicalName,
        String resourceId,
        boolean materialized,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String deletionId) {
    public DataTable {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(appId, "appId is null");
        Objects.requireNonNull(datasourceId, "datasourceId is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(slug, "slug is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(jsonSchema, "jsonSchema is null");
        Objects.requireNonNull(schemaHash, "schemaHash is null");
        Objects.requireNonNull(physicalName, "physicalName is null");
        Objects.requireNonNull(resourceId, "resourceId is null");
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    public boolean active() {
        return deletionId == null;
    }

    public DataTable withMaterialized(boolean value, Instant at) {
        return new DataTable(
                id,
                appId,
                datasourceId,
                name,
                slug,
                description,
                jsonSchema,
                schemaHash,
                physicalName,
                resourceId,
                value,
                createdAt,
                at,
                deletionId);
    }
}
