package datastore.services.auth;

import org.jspecify.annotations.Nullable;

/** {@code AUTH_ENABLED=false}: every request passes (local development, tests). */
public final class OpenAccess implements AccessService {
    @Override
    public Principal authorize(@Nullable Credential credential, AccessRequest request) {
        return Principal.OPEN;
    }

    @Override
    public @Nullable String caller(@Nullable Credential credential) {
        return null;
    }
}
