package datastore.api.endpoints;

import datastore.api.ActionSupport;
import datastore.api.auth.AuthGate;
import datastore.core.errors.ApiException;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.Principal;
import datastore.services.auth.TokenInfo;
import datastore.services.auth.TokenRequests;
import datastore.services.auth.TokenService;
import datastore.services.auth.TokenSpec;
import io.javalin.http.Context;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code datastore_token_create}, {@code _list} and {@code _revoke}: admin tokens manage the service's tokens. */
public final class TokenEndpoints {
    private final ActionSupport support;
    private final AuthGate gate;
    private final TokenService tokens;

    public TokenEndpoints(ActionSupport support, AuthGate gate, TokenService tokens) {
        this.support = support;
        this.gate = gate;
        this.tokens = Objects.requireNonNull(tokens, "tokens is null");
    }

    void create(Context ctx, ObjectNode params, String help) {
        Principal caller = gate.require(ctx, AccessRequest.tokens("datastore_token_create"));
        TokenSpec spec = TokenRequests.create(params, caller.actor());
        TokenService.Issued issued = tokens.issue(spec, caller.token(), caller.actor());
        ObjectNode result = issued.info().toJson();
        result.put("token", issued.token());
        support.ok(ctx, help, result);
    }

    void list(Context ctx, ObjectNode params, String help) {
        gate.require(ctx, AccessRequest.tokens("datastore_token_list"));
        ArrayNode result = support.mapper().createArrayNode();
        tokens.list().forEach(t -> result.add(t.toJson()));
        support.ok(ctx, help, result);
    }

    void revoke(Context ctx, ObjectNode params, String help) {
        Principal caller = gate.require(ctx, AccessRequest.tokens("datastore_token_revoke"));
        String id = TokenRequests.revoke(params);
        if (!tokens.revoke(id, caller.token())) {
            throw ApiException.notFound("Token \"" + id + "\" was not found.");
        }
        support.ok(ctx, help, tokens.find(id).map(TokenInfo::toJson).orElseThrow());
    }
}
