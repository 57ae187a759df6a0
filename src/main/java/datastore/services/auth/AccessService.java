package datastore.services.auth;

import datastore.core.errors.ApiException;
import org.jspecify.annotations.Nullable;

/** Decides whether a credential may do something; the api layer's gate asks it for every request. */
public sealed interface AccessService permits OpenAccess, TokenAccess, CkanAccess {
    /**
     * The principal a credential (null for an anonymous caller) acts as when it may do {@code request};
     * throws an {@link ApiException} otherwise — 403 when denied or when the decision cannot be made,
     * or the error CKAN gave (404, 409) in CKAN mode. Never returns without a decision.
     */
    Principal authorize(@Nullable Credential credential, AccessRequest request);

    /**
     * Who {@code credential} proves the caller to be, as far as this service can tell on its own (no call
     * to CKAN), for per-caller rate limits; null when it proves no one (anonymous, or not a good token).
     */
    @Nullable
    String caller(@Nullable Credential credential);
}
