package datastore.services.auth;

import java.util.Optional;

/** {@code AUTH_ENABLED=false}: every request passes (local development, tests). */
public final class OpenAccess implements AccessService {
    @Override
    public Principal authorize(Optional<String> credential, Permission permission, String action, String resourceId) {
        return Principal.OPEN;
    }
}
