package datastore.services.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.cache.CaffeineDecisionCache;
import datastore.infrastructure.tokens.TokenFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The own-token mode's rules, with a clock the test moves: signatures, expiry, revocation, restrictions. */
class TokenServiceTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private TokenService service(Duration maxTtl) {
        return new TokenService(
                new TokenCodec(SECRET),
                new TokenFile(dir),
                new CaffeineDecisionCache(100),
                Duration.ZERO,
                clock,
                maxTtl);
    }

    private static TokenAccess access(TokenService tokens) {
        return new TokenAccess(tokens, true);
    }

    private static Credential cred(String token) {
        return new Credential(token);
    }

    private static TokenSpec spec(String actor, Restrictions r) {
        return new TokenSpec(actor, null, false, r);
    }

    private static AccessRequest read(String id) {
        return AccessRequest.read("datastore_search", id, id);
    }

    private static AccessRequest write(String id, Verb... verbs) {
        return new AccessRequest("datastore_upsert", AccessRequest.Target.RESOURCE, id, Set.of(id), Set.of(verbs));
    }

    private static ApiException denied(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a denial");
    }

    @Test
    void aTamperedTokenIsRefused() {
        TokenService tokens = service(Duration.ZERO);
        String token = tokens.issue(spec("alice", new Restrictions(Set.of(Verb.READ), Map.of(), Map.of())), null, "t")
                .token();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String widened = payload.replaceAll(",\"_r\":\\{.*\\}\\}$", "}").replace("\"alice\"", "\"admin\"");
        String forgedPayload = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        String flippedSignature =
                parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        String otherSecret = new TokenCodec("another-secret-that-is-long-enough-98765")
                .sign(new TokenClaims("x", "alice", clock.instant(), null, true, null));
        for (String bad : new String[] {forgedPayload, flippedSignature, otherSecret, token + "x", "nonsense", ""}) {
            ApiException e = denied(() -> access(tokens).authorize(cred(bad), write("t", Verb.INSERT)));
            // A bad credential, not a missing right: CKAN still answers 403, Datasette 401.
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
            assertThat(e.code().httpStatus()).isEqualTo(403);
            assertThat(e.getMessage()).contains("not valid");
        }
        assertThat(access(tokens).authorize(cred(token), read("t")).actor()).isEqualTo("alice");
    }

    @Test
    void aTokenStopsWorkingWhenItExpires() {
        TokenService tokens = service(Duration.ZERO);
        String token = tokens.issue(new TokenSpec("bob", Duration.ofHours(1), false, null), null, "t")
                .token();
        assertThat(access(tokens)
                        .authorize(cred(token), write("t", Verb.INSERT))
                        .actor())
                .isEqualTo("bob");
        clock.advance(Duration.ofMinutes(61));
        assertThat(denied(() -> access(tokens).authorize(cred(token), write("t", Verb.INSERT)))
                        .getMessage())
                .contains("expired at 2026-01-01T01:00:00Z");
        assertThat(tokens.list()).singleElement().extracting(TokenInfo::status).isEqualTo(TokenInfo.Status.EXPIRED);
    }

    @Test
    void theServerEnforcesTheMaximumLifetime() {
        TokenService tokens = service(Duration.ofDays(1));
        assertThatThrownBy(() -> tokens.issue(new TokenSpec("bob", Duration.ofDays(2), false, null), null, "t"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("TOKEN_MAX_TTL");
        TokenService.Issued issued = tokens.issue(spec("bob", null), null, "t");
        assertThat(issued.info().expiresAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        // A token minted earlier without an expiry is still bound by TOKEN_MAX_TTL at use.
        String longLived =
                service(Duration.ZERO).issue(spec("carol", null), null, "t").token();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(denied(() -> access(tokens).authorize(cred(longLived), read("t")))
                        .getMessage())
                .contains("expired");
        // The first-start admin token is exempt, so the operator is never locked out.
        String admin = tokens.issueBootstrapAdmin("admin");
        clock.advance(Duration.ofDays(30));
        assertThat(access(tokens)
                        .authorize(cred(admin), AccessRequest.tokens("datastore_token_list"))
                        .admin())
                .isTrue();
    }

    @Test
    void aRevokedTokenIsRefusedOnItsNextUse() {
        TokenService tokens = service(Duration.ZERO);
        TokenService.Issued issued = tokens.issue(spec("dave", null), null, "t");
        assertThat(access(tokens)
                        .authorize(cred(issued.token()), write("t", Verb.INSERT))
                        .actor())
                .isEqualTo("dave");
        assertThat(tokens.revoke(issued.info().id())).isTrue();
        assertThat(denied(() -> access(tokens).authorize(cred(issued.token()), read("t")))
                        .getMessage())
                .contains("has been revoked");
        assertThat(tokens.find(issued.info().id()).orElseThrow().status()).isEqualTo(TokenInfo.Status.REVOKED);
        assertThat(tokens.revoke("no-such-id")).isFalse();
    }

    @Test
    void aRevocationByAnotherProcessIsSeenThroughTheRegister() {
        TokenService server = service(Duration.ZERO);
        TokenService.Issued issued = server.issue(spec("erin", null), null, "t");
        assertThat(access(server).authorize(cred(issued.token()), read("t")).actor())
                .isEqualTo("erin");
        // The CLI works on the same DATA_DIR through its own TokenService.
        assertThat(service(Duration.ZERO).revoke(issued.info().id())).isTrue();
        assertThat(denied(() -> access(server).authorize(cred(issued.token()), read("t")))
                        .getMessage())
                .contains("revoked");
    }

    @Test
    void aCorrectlySignedButUnrecordedTokenIsRefused() {
        TokenService tokens = service(Duration.ZERO);
        String unrecorded = tokens.codec().sign(new TokenClaims("ghost", "mallory", clock.instant(), null, true, null));
        assertThat(denied(() -> access(tokens).authorize(cred(unrecorded), read("t")))
                        .getMessage())
                .contains("not known");
    }

    @Test
    void lastUseIsRecorded() {
        TokenService tokens = service(Duration.ZERO);
        TokenService.Issued issued = tokens.issue(spec("fred", null), null, "t");
        assertThat(issued.info().lastUsedAt()).isNull();
        clock.advance(Duration.ofMinutes(5));
        access(tokens).authorize(cred(issued.token()), read("t"));
        assertThat(tokens.list().get(0).lastUsedAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
        assertThat(service(Duration.ZERO).list().get(0).lastUsedAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
    }

    @Test
    void overallRestrictionsLimitTheVerbsEverywhere() {
        TokenService tokens = service(Duration.ZERO);
        String token = tokens.issue(spec("g", new Restrictions(EnumSet.of(Verb.READ), Map.of(), Map.of())), null, "t")
                .token();
        assertThat(access(tokens).authorize(cred(token), read("any")).actor()).isEqualTo("g");
        for (Verb v : EnumSet.of(Verb.INSERT, Verb.UPDATE, Verb.DELETE, Verb.CREATE, Verb.DROP, Verb.SQL)) {
            assertThat(denied(() -> access(tokens).authorize(cred(token), write("any", v)))
                            .getMessage())
                    .contains("do not allow " + v.label());
        }
        assertThat(denied(() -> access(tokens).authorize(cred(token), AccessRequest.sql("any", Set.of("any"))))
                        .getMessage())
                .contains("do not allow sql");
    }

    @Test
    void resourceRestrictionsCoverTheResourceUnderAnyName() {
        TokenService tokens = service(Duration.ZERO);
        Restrictions r =
                new Restrictions(Set.of(), Map.of("res-1", EnumSet.of(Verb.READ, Verb.INSERT, Verb.SQL)), Map.of());
        String token = tokens.issue(spec("h", r), null, "t").token();
        TokenAccess access = access(tokens);
        assertThat(access.authorize(cred(token), AccessRequest.read("datastore_search", "res-1", "an-alias"))
                        .actor())
                .isEqualTo("h");
        assertThat(access.authorize(cred(token), write("res-1", Verb.INSERT)).actor())
                .isEqualTo("h");
        assertThat(access.authorize(cred(token), AccessRequest.sql("res-1", Set.of("an-alias")))
                        .actor())
                .isEqualTo("h");
        denied(() -> access.authorize(cred(token), write("res-1", Verb.UPDATE)));
        denied(() -> access.authorize(cred(token), read("res-2")));
        denied(() -> access.authorize(cred(token), AccessRequest.catalog("datastore_search")));
    }

    @Test
    void tableRestrictionsCoverOnlyTheNameUsed() {
        TokenService tokens = service(Duration.ZERO);
        Restrictions r = new Restrictions(Set.of(), Map.of(), Map.of("public-view", EnumSet.of(Verb.READ)));
        String token = tokens.issue(spec("i", r), null, "t").token();
        TokenAccess access = access(tokens);
        assertThat(access.authorize(cred(token), AccessRequest.read("datastore_search", "res-1", "public-view"))
                        .actor())
                .isEqualTo("i");
        denied(() -> access.authorize(cred(token), AccessRequest.read("datastore_search", "res-1", "res-1")));
    }

    @Test
    void aNewResourceUnderAPackageNeedsAnOverallCreateGrant() {
        TokenService tokens = service(Duration.ZERO);
        AccessRequest create = new AccessRequest(
                "datastore_create", AccessRequest.Target.PACKAGE, "pkg", Set.of(), Set.of(Verb.CREATE));
        String perResource = tokens.issue(
                        spec("j", new Restrictions(Set.of(), Map.of("pkg", EnumSet.of(Verb.CREATE)), Map.of())),
                        null,
                        "t")
                .token();
        denied(() -> access(tokens).authorize(cred(perResource), create));
        String overall = tokens.issue(
                        spec("j", new Restrictions(EnumSet.of(Verb.CREATE), Map.of(), Map.of())), null, "t")
                .token();
        assertThat(access(tokens).authorize(cred(overall), create).actor()).isEqualTo("j");
    }

    @Test
    void anonymousCallersMayOnlyReadAndOnlyWhenAllowed() {
        TokenService tokens = service(Duration.ZERO);
        assertThat(new TokenAccess(tokens, true).authorize(null, read("t")).anonymous())
                .isTrue();
        assertThat(new TokenAccess(tokens, true)
                        .authorize(null, AccessRequest.sql("t", Set.of()))
                        .anonymous())
                .isTrue();
        assertThat(denied(() -> new TokenAccess(tokens, true).authorize(null, write("t", Verb.INSERT)))
                        .getMessage())
                .contains("requires an API token");
        assertThat(denied(() -> new TokenAccess(tokens, false).authorize(null, read("t")))
                        .getMessage())
                .contains("AUTH_ANONYMOUS_READ=false");
    }

    @Test
    void onlyAdminTokensManageTokens() {
        TokenService tokens = service(Duration.ZERO);
        String plain = tokens.issue(spec("k", null), null, "t").token();
        assertThat(denied(() -> access(tokens).authorize(cred(plain), AccessRequest.tokens("datastore_token_create")))
                        .getMessage())
                .contains("needs an admin token");
    }

    @Test
    void aRestrictedTokenCannotMintABroaderOne() {
        TokenService tokens = service(Duration.ZERO);
        Restrictions parent = new Restrictions(
                EnumSet.of(Verb.READ), Map.of("res-1", EnumSet.of(Verb.INSERT)), Map.of("view", EnumSet.of(Verb.SQL)));
        TokenService.Issued minter = tokens.issue(new TokenSpec("admin2", Duration.ofDays(1), true, parent), null, "t");
        TokenClaims claims = tokens.codec().verify(minter.token()).orElseThrow();

        Restrictions narrower =
                new Restrictions(Set.of(), Map.of("res-1", EnumSet.of(Verb.READ, Verb.INSERT)), Map.of());
        TokenService.Issued child = tokens.issue(spec("x", narrower), claims, "admin2");
        assertThat(child.info().expiresAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));

        assertThat(denied(() -> tokens.issue(spec("x", null), claims, "admin2")).getMessage())
                .contains("cannot create an unrestricted token");
        for (Restrictions broader : new Restrictions[] {
            new Restrictions(EnumSet.of(Verb.INSERT), Map.of(), Map.of()),
            new Restrictions(Set.of(), Map.of("res-2", EnumSet.of(Verb.INSERT)), Map.of()),
            new Restrictions(Set.of(), Map.of(), Map.of("other", EnumSet.of(Verb.SQL))),
            new Restrictions(Set.of(), Map.of("res-1", EnumSet.of(Verb.DROP)), Map.of())
        }) {
            ApiException e = denied(() -> tokens.issue(spec("x", broader), claims, "admin2"));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
            assertThat(e.getMessage()).contains("broader");
        }
        assertThat(denied(() -> tokens.issue(new TokenSpec("x", Duration.ofDays(2), false, narrower), claims, "admin2"))
                        .getMessage())
                .contains("cannot outlive");
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
