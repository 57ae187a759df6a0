package datastore.services.auth;

import datastore.core.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Accepts Datasette's signed tokens ({@code dstok_…}, minted by {@code datasette create-token} with the
 * same {@code DATASETTE_SECRET}) as credentials: the token's actor, unrestricted unless its {@code _r}
 * restricts it (actions by full name or abbreviation, on this instance's one database), never a token
 * manager, expiring at {@code t + d} (and within {@code TOKEN_MAX_TTL} when that is set). With
 * {@code DATASETTE_ALLOW_SIGNED_TOKENS=false} every such token is refused.
 */
public final class DatasetteTokenCheck {
    /** The id signed tokens carry in their claims: they are not in the token register. */
    public static final String ID = "dstok";

    private final DatasetteSignedTokens codec;
    private final boolean enabled;
    private final String database;
    private final Clock clock;
    private final Duration maxTtl;

    public DatasetteTokenCheck(
            DatasetteSignedTokens codec, boolean enabled, String database, Clock clock, Duration maxTtl) {
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.enabled = enabled;
        this.database = Objects.requireNonNull(database, "database is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.maxTtl = Objects.requireNonNull(maxTtl, "maxTtl is null");
    }

    /** The claims of a valid signed token; an invalid-token error (401 on the Datasette API) otherwise. */
    public TokenClaims verify(String token) {
        if (!enabled) {
            throw ApiException.invalidToken(
                    "Datasette signed tokens are turned off (DATASETTE_ALLOW_SIGNED_TOKENS=false)",
                    "Signed tokens are not enabled for this Datasette instance");
        }
        DatasetteSignedTokens.Verified v = codec.verify(token, clock.instant(), maxTtl);
        Restrictions restrictions = null;
        JsonNode r = v.restrictions();
        if (r != null) {
            List<String> problems = new ArrayList<>();
            DatasetteActions.Grants grants = DatasetteActions.fromR(r, problems);
            if (!problems.isEmpty()) {
                throw ApiException.invalidToken(
                        "the Datasette token's restrictions are malformed: " + String.join("; ", problems),
                        "Invalid token: invalid restrictions");
            }
            restrictions = DatasetteActions.restrictions(grants, database);
        }
        return new TokenClaims(ID, v.actor(), v.createdAt(), v.expiresAt(), false, restrictions);
    }
}
