package datastore.services.auth;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Mode 2, the service's own API tokens: anonymous callers may read when {@code AUTH_ANONYMOUS_READ} is on;
 * everything else needs a token that is correctly signed, recorded, neither revoked nor expired, and whose
 * restrictions allow every verb of the request. Only admin tokens may manage tokens.
 */
public final class TokenAccess implements AccessService {
    private final TokenService tokens;
    private final boolean anonymousRead;
    private final @Nullable DatasetteTokenCheck signed;

    public TokenAccess(TokenService tokens, boolean anonymousRead) {
        this(tokens, anonymousRead, null);
    }

    /**
     * @param signed Datasette's signed tokens ({@code dstok_…}), when {@code DATASETTE_SECRET} is set;
     *     absent, such a token is refused as invalid
     */
    public TokenAccess(TokenService tokens, boolean anonymousRead, @Nullable DatasetteTokenCheck signed) {
        this.tokens = Objects.requireNonNull(tokens, "tokens is null");
        this.anonymousRead = anonymousRead;
        this.signed = signed;
    }

    public TokenService tokens() {
        return tokens;
    }

    @Override
    public Principal authorize(@Nullable Credential credential, AccessRequest request) {
        if (credential == null) {
            if (request.readOnly() && anonymousRead) {
                return Principal.ANONYMOUS;
            }
            throw ApiException.notAuthorized(missing(request));
        }
        TokenClaims claims = authenticate(credential);
        if (!claims.id().equals(DatasetteTokenCheck.ID)) {
            tokens.used(claims.id());
        }
        return decide(credential, claims, request);
    }

    @Override
    public @Nullable String caller(@Nullable Credential credential) {
        if (credential == null) {
            return null;
        }
        try {
            return "actor:" + authenticate(credential).actor();
        } catch (ApiException e) {
            return null;
        }
    }

    /**
     * The claims of a good credential: an own token that is correctly signed, recorded, neither revoked
     * nor expired, or a valid Datasette signed token; an {@link ErrorCode#INVALID_TOKEN} error otherwise.
     */
    TokenClaims authenticate(Credential credential) {
        String value = credential.value();
        if (DatasetteSignedTokens.recognises(value)) {
            if (signed == null) {
                throw ApiException.invalidToken(
                        "Datasette signed tokens are not accepted: DATASETTE_SECRET is not set",
                        "Invalid token signature");
            }
            return signed.verify(value);
        }
        TokenClaims claims = tokens.codec()
                .verify(value)
                .orElseThrow(() -> ApiException.invalidToken(
                        "the API token is not valid (malformed, or not signed by this service)",
                        value.startsWith(TokenCodec.PREFIX + ".") ? "Invalid token signature" : "Invalid token"));
        switch (tokens.check(claims)) {
            case UNKNOWN ->
                throw ApiException.invalidToken(
                        "the API token " + claims.id()
                                + " is not known to this service (its register has no such token)",
                        "Token is not known");
            case REVOKED ->
                throw ApiException.invalidToken(
                        "the API token " + claims.id() + " has been revoked", "Token has been revoked");
            case EXPIRED ->
                throw ApiException.invalidToken(
                        "the API token " + claims.id() + " expired at " + tokens.expiry(claims), "Token has expired");
            case ACTIVE -> {}
        }
        return claims;
    }

    private Principal decide(Credential credential, TokenClaims claims, AccessRequest request) {
        if (request.target() == AccessRequest.Target.TOKENS && !claims.admin()) {
            throw ApiException.notAuthorized(
                    request.action() + " needs an admin token; this token's actor is " + claims.actor());
        }
        List<String> refused = request.verbs().stream()
                .filter(v -> !claims.allows(v, request))
                .sorted()
                .map(Verb::label)
                .toList();
        if (!refused.isEmpty()) {
            throw ApiException.notAuthorized("this API token's restrictions do not allow " + String.join(", ", refused)
                    + on(request) + " (it may: "
                    + describe(claims.restrictions()) + ")");
        }
        return new Principal(claims.actor(), false, claims.admin(), credential, claims);
    }

    private static String describe(@Nullable Restrictions restrictions) {
        return restrictions == null ? "anything" : restrictions.describe();
    }

    private String missing(AccessRequest request) {
        if (request.target() == AccessRequest.Target.SELF) {
            return request.action() + " needs an API token in the Authorization header";
        }
        if (request.target() == AccessRequest.Target.TOKENS) {
            return request.action() + " needs an admin API token in the Authorization header";
        }
        if (request.readOnly()) {
            return "Action " + request.action() + " requires an API token: this service does not allow anonymous"
                    + " reads (AUTH_ANONYMOUS_READ=false); send a token in the Authorization header";
        }
        return "Action " + request.action() + " requires an API token: send it in the Authorization header (the"
                + " admin token is in DATA_DIR/admin.token)";
    }

    private static String on(AccessRequest request) {
        return switch (request.target()) {
            case RESOURCE -> " on resource " + request.id();
            case PACKAGE -> " for a new resource" + (request.id().isEmpty() ? "" : " in package " + request.id());
            case CATALOG -> " on the table list";
            case TOKENS, SELF -> "";
            case SQL -> " (datastore_search_sql)";
            case APP -> " on app " + request.id();
        };
    }
}
