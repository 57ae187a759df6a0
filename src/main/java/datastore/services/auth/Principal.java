package datastore.services.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts as, once the access service has decided: the actor, whether it is anonymous or an
 * admin, the credential it came with (to act on the caller's behalf towards CKAN) and, in token mode,
 * the token's claims.
 */
public record Principal(
        String actor,
        boolean anonymous,
        boolean admin,
        @Nullable Credential credential,
        @Nullable TokenClaims token) {
    public static final Principal ANONYMOUS = new Principal("anonymous", true, false, null, null);
    public static final Principal OPEN = new Principal("local", false, true, null, null);

    public Principal {
        Objects.requireNonNull(actor, "actor is null");
    }
}
