package datastore.services.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a request acts as, once the access service has decided: the actor, whether it is anonymous or an
 * admin, the credential it came with (to act on the caller's behalf towards CKAN) and, in token mode,
 * the token's claims.
 */
public record Principal(
        String actor, boolean anonymous, boolean admin, Optional<Credential> credential, Optional<TokenClaims> token) {
    public static final Principal ANONYMOUS =
            new Principal("anonymous", true, false, Optional.empty(), Optional.empty());
    public static final Principal OPEN = new Principal("local", false, true, Optional.empty(), Optional.empty());

    public Principal {
        Objects.requireNonNull(actor, "actor is null");
        Objects.requireNonNull(credential, "credential is null");
        Objects.requireNonNull(token, "token is null");
    }
}
