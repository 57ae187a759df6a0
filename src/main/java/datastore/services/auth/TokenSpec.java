package datastore.services.auth;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A request for a new token: its actor, lifetime, whether it may manage tokens, and its restrictions. */
public record TokenSpec(
        String actor,
        @Nullable Duration expiresIn,
        boolean admin,
        @Nullable Restrictions restrictions) {
    public TokenSpec {
        Objects.requireNonNull(actor, "actor is null");
    }
}
