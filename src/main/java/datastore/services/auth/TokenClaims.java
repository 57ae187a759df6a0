package datastore.services.auth;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a signed API token says: its id, actor, creation time, optional expiry, whether it may manage
 * tokens, and its optional restrictions.
 */
public record TokenClaims(
        String id,
        String actor,
        Instant issuedAt,
        @Nullable Instant expiresAt,
        boolean admin,
        @Nullable Restrictions restrictions) {
    public TokenClaims {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(issuedAt, "issuedAt is null");
    }

    /** The token's own limit on {@code verb}: effective permission = actor's permission ∩ this. */
    public boolean allows(Verb verb, AccessRequest req) {
        return restrictions == null || restrictions.allows(verb, req);
    }
}
