package datastore.services.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A request for a new token: its actor, lifetime, whether it may manage tokens, and its restrictions. */
public record TokenSpec(
        String actor, Optional<Duration> expiresIn, boolean admin, Optional<Restrictions> restrictions) {
    public TokenSpec {
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(expiresIn, "expiresIn is null");
        Objects.requireNonNull(restrictions, "restrictions is null");
    }
}
