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
import datastore.services.auth.OpenAccess;
import datastore.services.auth.TokenAccess;
import datastore.services.auth.TokenClaims;
import datastore.services.auth.TokenCodec;
import datastore.services.auth.TokenService;
import datastore.services.catalog.CkanCatalog;
import datastore.services.catalog.ResourceCatalog;
import datastore.services.catalog.StandaloneCatalog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the access service of the configured mode (open, own tokens, CKAN) and what goes with it. */
record AuthWiring(
        AccessService access,
        Optional<TokenService> tokens,
        ResourceCatalog catalog,
        List<ReadinessCheck> readiness,
        Optional<String> adminToken,
        List<AutoCloseable> closeables) {
    static final String ADMIN_TOKEN_FILE = "admin.token";
    static final String SECRET_FILE = "token.secret";
    private static final Duration TOKEN_STATUS_TTL = Duration.ofSeconds(5);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    static AuthWiring build(AppConfig config, PrintStream out) {
        return switch (config.authMode()) {
            case OPEN ->
                new AuthWiring(
                        new OpenAccess(),
                        Optional.empty(),
                        new StandaloneCatalog(),
                        List.of(),
                        Optional.empty(),
                        List.of());
            case TOKENS -> tokens(config, out);
            case CKAN -> ckan(config);
        };
    }

    /** The token service over {@code DATA_DIR} (also what the {@code token} CLI uses). */
    static TokenService tokenService(AppConfig config) {
        String secret = config.tokenSecret().map(Secret::value).orElseGet(() -> new SecretStore(config.dataDir())
                .readOrCreate(SECRET_FILE, TokenCodec::newSecret)
                .value());
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
                new TokenAccess(tokens, config.authAnonymousRead()),
                Optional.of(tokens),
                new StandaloneCatalog(),
                List.of(),
                Optional.of(admin.value()),
                List.of(tokens));
    }

    private static AuthWiring ckan(AppConfig config) {
        Duration timeout = Duration.ofSeconds(config.httpTimeoutSeconds());
        CkanClient ckan = new CkanClient(config.ckanUrl().orElseThrow(), timeout);
        DecisionCache cache = config.redisUrl()
                .<DecisionCache>map(u -> new RedisDecisionCache(
                        u, config.redisKeyPrefix(), timeout.compareTo(REDIS_TIMEOUT) < 0 ? timeout : REDIS_TIMEOUT))
                .orElseGet(() -> new CaffeineDecisionCache(100_000));
        List<AutoCloseable> closeables = new ArrayList<>();
        closeables.add(cache);
        return new AuthWiring(
                new CkanAccess(
                        ckan,
                        cache,
                        Duration.ofSeconds(config.authCacheTtlSeconds()),
                        Duration.ofSeconds(config.effectiveDenyCacheTtlSeconds())),
                Optional.empty(),
                new CkanCatalog(ckan),
                List.of(new ReadinessCheck("ckan", ckan::ping)),
                Optional.empty(),
                closeables);
    }
}
