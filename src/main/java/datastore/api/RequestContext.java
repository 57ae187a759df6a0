package datastore.api;

import datastore.services.auth.Principal;

/** Per-request facts the endpoints need: the id for logs and headers, the caller, the site URL. */
public record RequestContext(String requestId, String site, long startNanos, Principal principal) {
    public RequestContext withPrincipal(Principal p) {
        return new RequestContext(requestId, site, startNanos, p);
    }
}
