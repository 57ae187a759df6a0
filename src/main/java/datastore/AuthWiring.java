package datastore;

import datastore.core.config.AppConfig;
import datastore.core.config.Secret;
import datastore.infrastructure.cache.CaffeineDecisionCache;
import datastore.infrastructure.cache.DecisionCache;
import datastore.infrastructure.cache.RedisDecisionCache;
import datastore.infrastructure.ckan.CkanClient;
import datastore.infrastructure.secrets.SecretStore;
import datastore.infrastructure.tokens.TokenFile;
import datastore.services.ReadinessCheck;
import datastore.services.auth.AccessService;
import datastore.services.auth.CkanAccess;
import datastore.services.auth.DatasetteSignedTokens;
import datastore.services.auth.DatasetteTokenCheck;
import datastore.services.auth.OpenAccess;
import datastore.services.auth.TokenAccess;
import datastore.services.auth.TokenClaims;
import datastore.services.auth.TokenCodec;
import datastore.services.auth.TokenService;
import datastore.services.catalog.CkanCatalog;
import datastore.services.catalog.ResourceCatalog;
import datastore.services.catalog.StandaloneCatalog;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Builds the access service of the configured mode (open, own tokens, CKAN) and what goes with it. */
record AuthWiring(
        AccessService access,
        @Nullable TokenService tokens,
        ResourceCatalog catalog,
        List<ReadinessCheck> readiness,
        @Nullable String adminToken,
        List<AutoCloseable> closeables) {
    static final String ADMIN_TOKEN_FILE = "admin.token";
    static final String SECRET_FILE = "token.secret";
    private static final Duration TOKEN_STATUS_TTL = Duration.ofSeconds(5);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    static AuthWiring build(AppConfig config, PrintStream out) {
        return switch (config.authMode()) {
            case OPEN -> new AuthWiring(new OpenAccess(), null, new StandaloneCatalog(), List.of(), null, List.of());
            case TOKENS -> tokens(config, out);
            case CKAN -> ckan(config);
        };
    }

    /** The token service over {@code DATA_DIR} (also what the {@code token} CLI uses). */
    static TokenService tokenService(AppConfig config) {
        Secret configured = config.tokenSecret();
        String secret = configured != null
                ? configured.value()
                : new SecretStore(config.dataDir())
                        .readOrCreate(SECRET_FILE, TokenCodec::newSecret)
                        .value();
        return new TokenService(
                new TokenCodec(secret),
                new TokenFile(config.dataDir()),
                new CaffeineDecisionCache(10_000),
                TOKEN_STATUS_TTL,
                Clock.systemUTC(),
                Duration.ofSeconds(config.tokenMaxTtlSeconds()));
    }

    private static AuthWiring tokens(AppConfig config, PrintStream out) {
        TokenService tokens = tokenService(config);
        SecretStore secrets = new SecretStore(config.dataDir());
        SecretStore.Created admin = secrets.readOrCreate(ADMIN_TOKEN_FILE, () -> tokens.issueBootstrapAdmin("admin"));
        if (admin.created()) {
            out.println(
                    "Admin API token (shown once; kept in " + secrets.path(ADMIN_TOKEN_FILE) + "): " + admin.value());
        } else {
            Optional<TokenClaims> claims = tokens.codec().verify(admin.value());
            if (claims.isPresent()) {
                // An admin token from before the token register: record it so it keeps working.
                tokens.registerIfAbsent(claims.get(), TokenService.BOOTSTRAP);
            } else {
                out.println("Warning: " + secrets.path(ADMIN_TOKEN_FILE) + " is not signed with the current token"
                        + " secret (TOKEN_SECRET changed?); delete it and restart to get a new admin token.");
            }
        }
        return new AuthWiring(
                new TokenAccess(tokens, config.authAnonymousRead(), datasetteTokens(config)),
                tokens,
                new StandaloneCatalog(),
                List.of(),
                admin.value(),
                List.of(tokens));
    }

    /** Datasette's signed tokens, accepted when {@code DATASETTE_SECRET} is set. */
    private static @Nullable DatasetteTokenCheck datasetteTokens(AppConfig config) {
        Secret secret = config.datasetteSecret();
        if (secret == null) {
            return null;
        }
        return new DatasetteTokenCheck(
                new DatasetteSignedTokens(secret.value()),
                config.datasetteAllowSignedTokens(),
                config.datasetteDatabase(),
                Clock.systemUTC(),
                Duration.ofSeconds(config.tokenMaxTtlSeconds()));
    }

    private static AuthWiring ckan(AppConfig config) {
        Duration timeout = Duration.ofSeconds(config.httpTimeoutSeconds());
        CkanClient ckan =
                new CkanClient(Objects.requireNonNull(config.ckanUrl(), "CKAN mode without CKAN_URL"), timeout);
        URI redis = config.redisUrl();
        DecisionCache cache = redis == null
                ? new CaffeineDecisionCache(100_000)
                : new RedisDecisionCache(
                        redis, config.redisKeyPrefix(), timeout.compareTo(REDIS_TIMEOUT) < 0 ? timeout : REDIS_TIMEOUT);
        List<AutoCloseable> closeables = new ArrayList<>();
        closeables.add(cache);
        return new AuthWiring(
                new CkanAccess(
                        ckan,
                        cache,
                        Duration.ofSeconds(config.authCacheTtlSeconds()),
                        Duration.ofSeconds(config.effectiveDenyCacheTtlSeconds())),
                null,
                new CkanCatalog(ckan),
                List.of(new ReadinessCheck("ckan", ckan::ping)),
                null,
                closeables);
    }
}
