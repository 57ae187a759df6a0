package datastore.services.auth;

import datastore.core.errors.ApiException;
import datastore.infrastructure.cache.DecisionCache;
import datastore.infrastructure.tokens.StoredToken;
import datastore.infrastructure.tokens.TokenFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The service's own API tokens: issues them (within {@code TOKEN_MAX_TTL}, never broader than the token
 * that asks), records their ids in the register, revokes them, and tells whether one is still good. The
 * register lookup is cached briefly in-process; last-used times are written in batches.
 */
public final class TokenService implements AutoCloseable {
    /** The creator recorded for the admin token made at first start; it is exempt from TOKEN_MAX_TTL. */
    public static final String BOOTSTRAP = "bootstrap";

    private static final Duration FLUSH_EVERY = Duration.ofSeconds(30);
    private static final int MAX_ACTOR_LENGTH = 200;
    private final TokenCodec codec;
    private final TokenFile register;
    private final DecisionCache statusCache;
    private final Duration statusTtl;
    private final Clock clock;
    private final Duration maxTtl;
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final AtomicLong lastFlush;

    /** Why a correctly signed token may still be refused. */
    public enum Check {
        ACTIVE,
        REVOKED,
        EXPIRED,
        UNKNOWN
    }

    /** A freshly issued token: the secret string (shown once) and its register entry. */
    public record Issued(String token, TokenInfo info) {}

    public TokenService(
            TokenCodec codec,
            TokenFile register,
            DecisionCache statusCache,
            Duration statusTtl,
            Clock clock,
            Duration maxTtl) {
        this.codec = Objects.requireNonNull(codec, "codec is null");
        this.register = Objects.requireNonNull(register, "register is null");
        this.statusCache = Objects.requireNonNull(statusCache, "statusCache is null");
        this.statusTtl = Objects.requireNonNull(statusTtl, "statusTtl is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.maxTtl = Objects.requireNonNull(maxTtl, "maxTtl is null");
        this.lastFlush = new AtomicLong(clock.millis());
    }

    public TokenCodec codec() {
        return codec;
    }

    /**
     * Issues a token. With a {@code minter} (a token asking over the API) the new token may not be broader:
     * its restrictions must lie within the minter's and it may not outlive it.
     */
    public Issued issue(TokenSpec spec, @Nullable TokenClaims minter, String createdBy) {
        String actor = spec.actor().strip();
        if (actor.isEmpty()) {
            throw ApiException.validation("actor", "Missing value");
        }
        if (actor.length() > MAX_ACTOR_LENGTH || actor.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.validation(
                    "actor", "must be at most " + MAX_ACTOR_LENGTH + " characters without control characters");
        }
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Duration life = spec.expiresIn();
        if (life != null && !life.isPositive()) {
            throw ApiException.validation("expires_in", "must be a positive number of seconds");
        }
        if (!maxTtl.isZero()) {
            if (life != null && life.compareTo(maxTtl) > 0) {
                throw ApiException.validation(
                        "expires_in",
                        "must be at most " + maxTtl.toSeconds() + " seconds (the server's TOKEN_MAX_TTL)");
            }
            life = life == null ? maxTtl : life;
        }
        Instant expires = life == null ? null : now.plus(life);
        if (minter != null) {
            expires = notBroader(spec, expires, minter);
        }
        TokenClaims claims =
                new TokenClaims(TokenCodec.newId(), actor, now, expires, spec.admin(), spec.restrictions());
        String token = codec.sign(claims);
        register.add(new StoredToken(
                claims.id(),
                actor,
                now.getEpochSecond(),
                epochSeconds(expires),
                spec.admin(),
                json(spec.restrictions()),
                createdBy,
                0,
                0));
        statusCache.invalidate(cacheKey(claims.id()));
        return new Issued(token, find(claims.id()).orElseThrow());
    }

    private static @Nullable JsonNode json(@Nullable Restrictions restrictions) {
        return restrictions == null ? null : restrictions.toJson();
    }

    /** The register's form of an optional instant: epoch seconds, 0 for none. */
    private static long epochSeconds(@Nullable Instant instant) {
        return instant == null ? 0L : instant.getEpochSecond();
    }

    private static @Nullable Instant instant(long epochSeconds) {
        return epochSeconds == 0 ? null : Instant.ofEpochSecond(epochSeconds);
    }

    private static @Nullable Instant notBroader(TokenSpec spec, @Nullable Instant expires, TokenClaims minter) {
        Restrictions outer = minter.restrictions();
        if (outer != null) {
            Restrictions wanted = spec.restrictions();
            if (wanted == null) {
                throw ApiException.notAuthorized("a restricted token cannot create an unrestricted token (this token"
                        + " may only: " + outer.describe() + ")");
            }
            if (!wanted.within(outer)) {
                throw ApiException.notAuthorized("the new token's restrictions are broader than this token's (this"
                        + " token may only: " + outer.describe() + ")");
            }
        }
        if (spec.admin() && !minter.admin()) {
            throw ApiException.notAuthorized("only an admin token can create an admin token");
        }
        Instant limit = minter.expiresAt();
        if (limit != null) {
            if (expires == null) {
                return limit;
            }
            if (expires.isAfter(limit)) {
                throw ApiException.notAuthorized("the new token cannot outlive this token, which expires at " + limit);
            }
        }
        return expires;
    }

    /**
     * The admin token made at first start: unrestricted, may manage tokens, no expiry (exempt from
     * TOKEN_MAX_TTL, since losing it would lock the operator out).
     */
    public String issueBootstrapAdmin(String actor) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        TokenClaims claims = new TokenClaims(TokenCodec.newId(), actor, now, null, true, null);
        String token = codec.sign(claims);
        registerIfAbsent(claims, BOOTSTRAP);
        return token;
    }

    /** Records a token made outside {@link #issue} (the first-start admin token) if it is not known yet. */
    public void registerIfAbsent(TokenClaims claims, String createdBy) {
        if (register.find(claims.id()).isEmpty()) {
            register.add(new StoredToken(
                    claims.id(),
                    claims.actor(),
                    claims.issuedAt().getEpochSecond(),
                    epochSeconds(claims.expiresAt()),
                    claims.admin(),
                    json(claims.restrictions()),
                    createdBy,
                    0,
                    0));
        }
    }

    /** Whether a correctly signed token is still good: recorded, not revoked, not expired. */
    public Check check(TokenClaims claims) {
        String key = cacheKey(claims.id());
        String recorded = statusCache.get(key).orElse(null);
        if (recorded == null) {
            recorded = register.find(claims.id())
                    .map(t -> t.revokedAt() != 0 ? "revoked" : t.createdBy().equals(BOOTSTRAP) ? "bootstrap" : "active")
                    .orElse("unknown");
            statusCache.put(key, recorded, statusTtl);
        }
        return switch (recorded) {
            case "unknown" -> Check.UNKNOWN;
            case "revoked" -> Check.REVOKED;
            default -> expired(claims, recorded.equals("bootstrap")) ? Check.EXPIRED : Check.ACTIVE;
        };
    }

    private boolean expired(TokenClaims claims, boolean bootstrap) {
        Instant now = clock.instant();
        Instant expiresAt = claims.expiresAt();
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return true;
        }
        return !bootstrap && !maxTtl.isZero() && !now.isBefore(claims.issuedAt().plus(maxTtl));
    }

    /** When a token expires, for messages: its own expiry or the TOKEN_MAX_TTL limit. */
    public Instant expiry(TokenClaims claims) {
        Instant byMax = maxTtl.isZero() ? Instant.MAX : claims.issuedAt().plus(maxTtl);
        Instant own = Objects.requireNonNullElse(claims.expiresAt(), Instant.MAX);
        return own.isBefore(byMax) ? own : byMax;
    }

    /** Notes a use; last-used times reach the register in batches. */
    public void used(String id) {
        lastUsed.put(id, clock.instant().getEpochSecond());
        long now = clock.millis();
        long last = lastFlush.get();
        if (now - last >= FLUSH_EVERY.toMillis() && lastFlush.compareAndSet(last, now)) {
            flush();
        }
    }

    public List<TokenInfo> list() {
        flush();
        List<TokenInfo> out = new ArrayList<>();
        for (StoredToken t : register.all()) {
            out.add(info(t));
        }
        return out;
    }

    public Optional<TokenInfo> find(String id) {
        return register.find(id).map(this::info);
    }

    /**
     * Revokes a token for the token {@code revoker} (empty for the operator's CLI), which must not be
     * read-only and must not be narrower than the token it revokes: a token may only take away what it
     * could have granted. False when no such token is recorded.
     */
    public boolean revoke(String id, @Nullable TokenClaims revoker) {
        if (revoker != null) {
            TokenClaims by = revoker;
            Restrictions limits = by.restrictions();
            if (limits != null && limits.readOnly()) {
                throw ApiException.notAuthorized("a token restricted to reading cannot revoke tokens (this token"
                        + " may only: " + limits.describe() + ")");
            }
            Optional<TokenInfo> target = find(id);
            if (target.isEmpty()) {
                return false;
            }
            requireNotBroader(target.get(), by);
        }
        return revoke(id);
    }

    private static void requireNotBroader(TokenInfo target, TokenClaims by) {
        if (target.admin() && !by.admin()) {
            throw ApiException.notAuthorized("only an admin token can revoke an admin token");
        }
        Restrictions outer = by.restrictions();
        if (outer == null) {
            return;
        }
        Restrictions targets = target.restrictions();
        if (targets == null || !targets.within(outer)) {
            throw ApiException.notAuthorized(
                    "token " + target.id() + " is broader than this token, which may" + " only: " + outer.describe());
        }
    }

    /** Revokes a token; its next use is refused. False when no such token is recorded. */
    public boolean revoke(String id) {
        boolean found = register.revoke(id, clock.instant().getEpochSecond());
        statusCache.invalidate(cacheKey(id));
        return found;
    }

    private TokenInfo info(StoredToken t) {
        Instant expires = instant(t.expiresAt());
        if (!maxTtl.isZero() && !t.createdBy().equals(BOOTSTRAP)) {
            Instant byMax = Instant.ofEpochSecond(t.createdAt()).plus(maxTtl);
            if (expires == null || byMax.isBefore(expires)) {
                expires = byMax;
            }
        }
        TokenInfo.Status status = t.revokedAt() != 0
                ? TokenInfo.Status.REVOKED
                : expires != null && !clock.instant().isBefore(expires)
                        ? TokenInfo.Status.EXPIRED
                        : TokenInfo.Status.ACTIVE;
        long used = Math.max(t.lastUsedAt(), lastUsed.getOrDefault(t.id(), 0L));
        Restrictions restrictions = null;
        JsonNode stored = t.restrictions();
        if (stored != null && stored.isObject()) {
            restrictions = Restrictions.fromJson(stored, new ArrayList<>());
        }
        return new TokenInfo(
                t.id(),
                t.actor(),
                Instant.ofEpochSecond(t.createdAt()),
                expires,
                t.admin(),
                restrictions,
                t.createdBy(),
                status,
                instant(used));
    }

    private void flush() {
        if (lastUsed.isEmpty()) {
            return;
        }
        Map<String, Long> batch = new HashMap<>(lastUsed);
        register.touch(batch);
        batch.forEach(lastUsed::remove);
    }

    private static String cacheKey(String id) {
        return "token-status:" + id;
    }

    @Override
    public void close() {
        flush();
    }
}
