package datastore.services.auth;

import datastore.core.errors.ApiException;
import java.util.Optional;

/** Decides whether a credential may do something; the api layer's gate asks it for every request. */
public sealed interface AccessService permits OpenAccess, TokenAccess {
    /**
     * The principal a credential acts as when it may take {@code permission} on {@code resourceId};
     * throws a 403 {@link ApiException} otherwise.
     */
    Principal authorize(Optional<String> credential, Permission permission, String action, String resourceId);
}
