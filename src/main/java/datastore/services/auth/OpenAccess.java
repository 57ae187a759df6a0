package datastore.services.auth;

import java.util.Optional;

/** {@code AUTH_ENABLED=false}: every request passes (local development, tests). */
public final class OpenAccess implements AccessService {
    @Override
    public Principal authorize(Optional<Credential> credential, AccessRequest request) {
        return Principal.OPEN;
    }
}
