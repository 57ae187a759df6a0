package datastore.services.auth;

import datastore.core.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's own API tokens, signed with HMAC-SHA256: {@code ds1.<payload>.<signature>}. Anyone may
 * read; writes need a valid token. (Scoped tokens, revocation and the token CLI build on this.)
 */
public final class TokenAccess implements AccessService {
    private static final String PREFIX = "ds1";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private final byte[] secret;

    public TokenAccess(String secret) {
        this.secret = Objects.requireNonNull(secret, "secret is null").getBytes(StandardCharsets.UTF_8);
    }

    /** A new random secret for signing tokens. */
    public static String newSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return B64.encodeToString(b);
    }

    /** Issues a token for {@code actor}. */
    public String issue(String actor, long issuedAtEpochSeconds) {
        byte[] id = new byte[12];
        new SecureRandom().nextBytes(id);
        String payload = "{\"jti\":\"" + B64.encodeToString(id) + "\",\"sub\":\"" + actor.replace("\"", "")
                + "\",\"iat\":" + issuedAtEpochSeconds + ",\"scope\":\"admin\"}";
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return PREFIX + "." + body + "." + sign(PREFIX + "." + body);
    }

    @Override
    public Principal authorize(Optional<String> credential, Permission permission, String action, String resourceId) {
        if (credential.isEmpty()) {
            if (permission == Permission.READ) {
                return Principal.ANONYMOUS;
            }
            throw ApiException.notAuthorized("Action " + action
                    + " requires an API token: send it in the Authorization header (the admin token is in"
                    + " DATA_DIR/admin.token)");
        }
        String actor =
                verify(credential.get()).orElseThrow(() -> ApiException.notAuthorized("the API token is not valid"));
        return new Principal(actor, false, true);
    }

    /** The actor of a correctly signed token. */
    Optional<String> verify(String token) {
        String[] parts = token.strip().split("\\.");
        if (parts.length != 3 || !parts[0].equals(PREFIX)) {
            return Optional.empty();
        }
        byte[] expected = sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String payload = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8);
            int i = payload.indexOf("\"sub\":\"");
            if (i < 0) {
                return Optional.empty();
            }
            int start = i + 7;
            return Optional.of(payload.substring(start, payload.indexOf('"', start)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
