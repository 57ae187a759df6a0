package datastore.services.auth;

import datastore.core.errors.ApiException;
import datastore.infrastructure.cache.DecisionCache;
import datastore.infrastructure.ckan.CkanClient;
import datastore.infrastructure.ckan.CkanReply;
import datastore.infrastructure.ckan.CkanUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mode 1, behind CKAN: each decision is CKAN's {@code datastore_authorize} (ckanext-datastore-authz) for
 * the caller's credential, cached by a hash of the credential + target + permission — allowed for
 * {@code AUTH_CACHE_TTL}, denied for the shorter {@code AUTH_DENY_CACHE_TTL}. When CKAN cannot be asked
 * the request is denied, never allowed; CKAN's own not-found and validation errors pass through.
 */
public final class CkanAccess implements AccessService {
    static final String ALLOW = "allow";
    static final String DENY = "deny:";
    private static final String ANONYMOUS = "anonymous";
    private final CkanClient ckan;
    private final DecisionCache cache;
    private final Duration allowTtl;
    private final Duration denyTtl;

    public CkanAccess(CkanClient ckan, DecisionCache cache, Duration allowTtl, Duration denyTtl) {
        this.ckan = Objects.requireNonNull(ckan, "ckan is null");
        this.cache = Objects.requireNonNull(cache, "cache is null");
        this.allowTtl = Objects.requireNonNull(allowTtl, "allowTtl is null");
        this.denyTtl = Objects.requireNonNull(denyTtl, "denyTtl is null");
    }

    @Override
    public Principal authorize(@Nullable Credential credential, AccessRequest request) {
        switch (request.target()) {
            case CATALOG -> {
                // CKAN lists _table_metadata without an access check.
                return principal(credential);
            }
            case SQL -> {
                // CKAN authorises datastore_search_sql per table it reads, and a query reading none as is.
                return principal(credential);
            }
            case TOKENS, SELF ->
                throw ApiException.notAuthorized("API tokens are CKAN's when CKAN_URL is set: manage them in CKAN");
            case APP ->
                // The catalog surface is not served while CKAN keeps the catalog.
                throw ApiException.notAuthorized("the catalog is CKAN's when CKAN_URL is set");
            case PACKAGE -> {
                if (request.id().isBlank()) {
                    throw ApiException.validation("package_id", "Missing value");
                }
            }
            case RESOURCE -> {}
        }
        Permission permission = request.permission();
        String key = cacheKey(credential, request, permission);
        Optional<String> cached = cache.get(key);
        if (cached.isPresent()) {
            return decide(cached.get(), credential);
        }
        String decision = ask(credential, request, permission);
        cache.put(key, decision, decision.equals(ALLOW) ? allowTtl : denyTtl);
        return decide(decision, credential);
    }

    /**
     * CKAN alone can tell whether a credential is good, so the caller is the credential's hash; a made-up
     * one gets its own bucket, but every request with it is denied (and the denial cached) by CKAN.
     */
    @Override
    public @Nullable String caller(@Nullable Credential credential) {
        return credential == null ? null : "ckan:" + credential.hash();
    }

    /** Asks CKAN; returns the decision to cache, or throws for what must not be cached. */
    private String ask(@Nullable Credential credential, AccessRequest request, Permission permission) {
        ObjectNode body = ckan.newBody();
        body.put(request.target() == AccessRequest.Target.PACKAGE ? "package_id" : "resource_id", request.id());
        body.put("permission", permission.ckanName());
        CkanReply reply;
        try {
            reply = ckan.call("datastore_authorize", body, credential == null ? null : credential.value());
        } catch (CkanUnavailableException e) {
            throw ApiException.notAuthorized(
                    "the request could not be authorised because CKAN could not be asked: " + e.getMessage());
        }
        if (reply.success()) {
            return ALLOW;
        }
        return switch (reply.errorType()) {
            case "Authorization Error" -> DENY + CkanErrors.strip(reply.errorMessage(), "Access denied: ");
            case "Not Found Error" ->
                throw ApiException.notFound(CkanErrors.strip(reply.errorMessage(), "Not found: "));
            case "Validation Error" -> throw CkanErrors.validation(reply);
            default -> {
                if (reply.status() == 403 || reply.status() == 200) {
                    yield DENY + CkanErrors.strip(reply.errorMessage(), "Access denied: ");
                }
                if (reply.status() == 404) {
                    throw ApiException.notFound(CkanErrors.strip(reply.errorMessage(), "Not found: "));
                }
                throw ApiException.notAuthorized("the request could not be authorised: CKAN's datastore_authorize"
                        + " answered HTTP " + reply.status() + " " + reply.errorType());
            }
        };
    }

    private static Principal decide(String decision, @Nullable Credential credential) {
        if (decision.equals(ALLOW)) {
            return principal(credential);
        }
        String why = decision.startsWith(DENY) ? decision.substring(DENY.length()) : "";
        throw ApiException.notAuthorized(
                why.isBlank() ? "CKAN does not allow this" + (credential == null ? " without an API token" : "") : why);
    }

    private static Principal principal(@Nullable Credential credential) {
        return new Principal(credential != null ? "ckan-user" : ANONYMOUS, credential == null, false, credential, null);
    }

    /** Hash of the credential, never the credential: a cache (or Redis) dump reveals no token. */
    static String cacheKey(@Nullable Credential credential, AccessRequest request, Permission permission) {
        String who = credential == null ? ANONYMOUS : credential.hash();
        return "authz:"
                + Credential.sha256(who + "\n" + request.target() + "\n" + request.id() + "\n" + permission.ckanName());
    }
}
