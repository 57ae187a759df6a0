package datastore.services.auth;

import datastore.core.json.JsonMappers;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the register says about one token, for listings: never the token itself. */
public record TokenInfo(
        String id,
        String actor,
        Instant createdAt,
        @Nullable Instant expiresAt,
        boolean admin,
        @Nullable Restrictions restrictions,
        String createdBy,
        Status status,
        @Nullable Instant lastUsedAt) {
    private static final JsonMapper JSON = JsonMappers.standard();

    /** A token's state in the register. */
    public enum Status {
        ACTIVE,
        REVOKED,
        EXPIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("actor", actor);
        o.put("status", status.label());
        o.put("created", createdAt.toString());
        o.put("expires", expiresAt == null ? null : expiresAt.toString());
        o.put("last_used", lastUsedAt == null ? null : lastUsedAt.toString());
        o.put("admin", admin);
        if (restrictions != null) {
            o.set("restrictions", restrictions.toJson());
        } else {
            o.putNull("restrictions");
        }
        o.put("created_by", createdBy);
        return o;
    }
}
