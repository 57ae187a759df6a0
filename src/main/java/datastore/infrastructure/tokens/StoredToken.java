package datastore.infrastructure.tokens;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * What is kept about an issued API token — never the token itself, only its id and claims.
 *
 * @param expiresAt epoch seconds, 0 when the token does not expire
 * @param revokedAt epoch seconds, 0 while not revoked
 * @param lastUsedAt epoch seconds, 0 when never used
 * @param restrictions the token's restriction object, or JSON null when unrestricted
 */
public record StoredToken(
        String id,
        String actor,
        long createdAt,
        long expiresAt,
        boolean admin,
        @Nullable JsonNode restrictions,
        String createdBy,
        long revokedAt,
        long lastUsedAt) {
    public StoredToken {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(actor, "actor is null");
        restrictions = restrictions == null ? NullNode.getInstance() : restrictions;
        Objects.requireNonNull(createdBy, "createdBy is null");
    }

    public StoredToken withRevokedAt(long at) {
        return new StoredToken(id, actor, createdAt, expiresAt, admin, restrictions, createdBy, at, lastUsedAt);
    }

    public StoredToken withLastUsedAt(long at) {
        return new StoredToken(id, actor, createdAt, expiresAt, admin, restrictions, createdBy, revokedAt, at);
    }
}
