package datastore.services.auth;

import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The parameters of {@code datastore_token_create} and {@code datastore_token_revoke}, validated. */
public final class TokenRequests {
    private TokenRequests() {}

    /**
     * {@code actor} (default: the caller's), {@code expires_in} (seconds, or {@code 90m}, {@code 12h},
     * {@code 30d}), {@code admin} (default false), {@code restrictions} ({@code {all, resources, tables}}).
     */
    public static TokenSpec create(ObjectNode params, String defaultActor) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        String actor = p.string("actor").orElse(defaultActor);
        Duration expiresIn = null;
        Optional<JsonNode> rawExpiry = p.raw("expires_in");
        if (rawExpiry.isPresent()) {
            expiresIn = Lifetimes.parse(Params.text(rawExpiry.get())).orElse(null);
            if (expiresIn == null) {
                problems.add("expires_in", "must be a positive number of seconds, or a number with s, m, h or d");
            }
        }
        boolean admin = p.bool("admin", false);
        Restrictions restrictions = null;
        Optional<JsonNode> raw = p.raw("restrictions");
        if (raw.isPresent()) {
            List<String> messages = new ArrayList<>();
            restrictions = Restrictions.fromJson(raw.get(), messages);
            messages.forEach(m -> problems.add("restrictions", m));
        }
        for (String extra : p.unread()) {
            problems.add("__extras", "invalid value \"" + extra + "\"");
        }
        problems.throwIfAny();
        return new TokenSpec(actor, expiresIn, admin, restrictions);
    }

    /** The {@code id} of the token to revoke. */
    public static String revoke(ObjectNode params) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        Optional<String> id = p.string("id");
        if (id.isEmpty() || id.get().isBlank()) {
            problems.add("id", "Missing value");
        }
        problems.throwIfAny();
        return id.orElseThrow();
    }
}
