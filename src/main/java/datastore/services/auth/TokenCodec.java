package datastore.services.auth;

import datastore.core.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs and verifies the service's API tokens, {@code ds1.<base64url JSON claims>.<base64url HMAC-SHA256>}.
 * The claims are {@code jti} (id), {@code sub} (actor), {@code iat}, optional {@code exp}, {@code scope}
 * ({@code admin} for token managers) and optional {@code _r} (restrictions).
 */
public final class TokenCodec {
    static final String PREFIX = "ds1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final JsonMapper JSON = JsonMappers.standard();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public TokenCodec(String secret) {
        Objects.requireNonNull(secret, "secret is null");
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A new random secret for signing tokens. */
    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** A new random token id. */
    public static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    public String sign(TokenClaims claims) {
        ObjectNode o = JSON.createObjectNode();
        o.put("jti", claims.id());
        o.put("sub", claims.actor());
        o.put("iat", claims.issuedAt().getEpochSecond());
        Instant expiresAt = claims.expiresAt();
        if (expiresAt != null) {
            o.put("exp", expiresAt.getEpochSecond());
        }
        if (claims.admin()) {
            o.put("scope", "admin");
        }
        Restrictions restrictions = claims.restrictions();
        if (restrictions != null) {
            o.set("_r", restrictions.toJson());
        }
        String body = B64.encodeToString(JSON.writeValueAsBytes(o));
        return PREFIX + "." + body + "." + mac(PREFIX + "." + body);
    }

    /** The claims of a well-formed, correctly signed token; empty for anything else. */
    public Optional<TokenClaims> verify(String token) {
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            return Optional.empty();
        }
        byte[] expected = mac(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            JsonNode o = JSON.readTree(B64D.decode(parts[1]));
            if (!o.isObject()
                    || !o.path("jti").isString()
                    || !o.path("sub").isString()
                    || !o.path("iat").isNumber()) {
                return Optional.empty();
            }
            Restrictions restrictions = null;
            if (o.has("_r")) {
                List<String> problems = new ArrayList<>();
                restrictions = Restrictions.fromJson(o.get("_r"), problems);
                if (!problems.isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new TokenClaims(
                    o.get("jti").asString(),
                    o.get("sub").asString(),
                    Instant.ofEpochSecond(o.get("iat").asLong()),
                    o.path("exp").isNumber()
                            ? Instant.ofEpochSecond(o.get("exp").asLong())
                            : null,
                    "admin".equals(o.path("scope").asString("")),
                    restrictions));
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
