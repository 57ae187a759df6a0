package datastore.api.ckan;

import datastore.api.auth.AuthGate;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
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
final class TokenEndpoints {
    private final ActionParams params;
    private final AuthGate gate;
    private final TokenService tokens;

    TokenEndpoints(ActionParams params, AuthGate gate, TokenService tokens) {
        this.params = params;
        this.gate = gate;
        this.tokens = Objects.requireNonNull(tokens, "tokens is null");
    }

    void create(Context ctx) {
        ObjectNode params = this.params.read(ctx);
        String help = CkanResponses.help(ctx, "datastore_token_create");
        Principal caller = gate.require(ctx, AccessRequest.tokens("datastore_token_create"));
        TokenSpec spec = TokenRequests.create(params, caller.actor());
        TokenService.Issued issued = tokens.issue(spec, caller.token(), caller.actor());
        ObjectNode result = issued.info().toJson();
        result.put("token", issued.token());
        CkanResponses.ok(ctx, help, result);
    }

    void list(Context ctx) {
        this.params.read(ctx);
        String help = CkanResponses.help(ctx, "datastore_token_list");
        gate.require(ctx, AccessRequest.tokens("datastore_token_list"));
        ArrayNode result = JsonMappers.standard().createArrayNode();
        tokens.list().forEach(t -> result.add(t.toJson()));
        CkanResponses.ok(ctx, help, result);
    }

    void revoke(Context ctx) {
        ObjectNode params = this.params.read(ctx);
        String help = CkanResponses.help(ctx, "datastore_token_revoke");
        Principal caller = gate.require(ctx, AccessRequest.tokens("datastore_token_revoke"));
        String id = TokenRequests.revoke(params);
        if (!tokens.revoke(id, caller.token())) {
            throw ApiException.notFound("Token \"" + id + "\" was not found.");
        }
        CkanResponses.ok(ctx, help, tokens.find(id).map(TokenInfo::toJson).orElseThrow());
    }
}
