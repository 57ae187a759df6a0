package datastore.schemas.catalog;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of the catalog's audit trail: who changed what, when, whether it was applied, and for a
 * table's schema the hashes before and after and the diff.
 *
 * @param targetType {@code app}, {@code datasource} or {@code datatable}
 * @param status {@code applied} or {@code failed}
 * @param message why a failed operation was refused; null when applied
 */
public record SchemaOperation(
        String id,
        String appId,
        String targetType,
        String targetId,
        String operation,
        String actor,
        Instant at,
        String status,
        @Nullable String schemaHashBefore,
        @Nullable String schemaHashAfter,
        JsonNode diff,
        @Nullable String message) {
    public static final String APPLIED = "applied";
    public static final String FAILED = "failed";

    public SchemaOperation {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(appId, "appId is null");
        Objects.requireNonNull(targetType, "targetType is null");
        Objects.requireNonNull(targetId, "targetId is null");
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(at, "at is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(diff, "diff is null");
    }
}
