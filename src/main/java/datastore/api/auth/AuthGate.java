package datastore.api.auth;

import datastore.services.auth.AccessRequest;
import datastore.services.auth.AccessService;
import datastore.services.auth.Credential;
import datastore.services.auth.Principal;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads the request's credential and asks the access service; the only door to the services. */
public final class AuthGate {
    private final AccessService access;

    public AuthGate(AccessService access) {
        this.access = Objects.requireNonNull(access, "access is null");
    }

    /** The caller, when it may do {@code request}; throws 403 (or CKAN's 404/409) otherwise. */
    public Principal require(Context ctx, AccessRequest request) {
        return access.authorize(credential(ctx), request);
    }

    /**
     * As {@link #require(Context, AccessRequest)}, with {@code fallback} (a token a person typed into a
     * form field) as the credential when the request's headers carry none.
     */
    public Principal require(Context ctx, @Nullable String fallback, AccessRequest request) {
        Credential credential = credential(ctx);
        if (credential == null && fallback != null) {
            credential = parse(fallback);
        }
        return access.authorize(credential, request);
    }

    /**
     * Who the request's credential proves the caller to be without asking anyone else (for per-caller
     * rate limits); null for an anonymous caller or a credential that is not good.
     */
    public @Nullable String caller(Context ctx) {
        return access.caller(credential(ctx));
    }

    /** CKAN sends the raw token in {@code Authorization}; {@code Bearer <token>} is accepted too. */
    static @Nullable Credential credential(Context ctx) {
        // JSONP calls run anonymously in CKAN.
        if (ctx.queryParam("callback") != null) {
            return null;
        }
        String h = ctx.header("Authorization");
        if (h == null || h.isBlank()) {
            h = ctx.header("X-CKAN-API-Key");
        }
        if (h == null || h.isBlank()) {
            return null;
        }
        return parse(h);
    }

    private static @Nullable Credential parse(String h) {
        String v = h.strip();
        if (v.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            v = v.substring(7).strip();
        }
        return v.isEmpty() ? null : new Credential(v);
    }
}
