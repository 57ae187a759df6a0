package datastore.services.auth;

import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Datasette's signed stateless tokens, {@code dstok_<itsdangerous URLSafeSerializer(secret, salt="token")>}:
 * compact JSON payload ({@code a} actor, {@code t} created, optional {@code d} lifetime and {@code _r}
 * restrictions), zlib-compressed (marked by a leading {@code .}) when that is shorter, base64url without
 * padding, then {@code .} and base64url(HMAC-SHA1(SHA1("token" + "signer" + secret), payload)). Pure: the
 * clock is passed in.
 */
public final class DatasetteSignedTokens {
    public static final String PREFIX = "dstok_";
    private static final String SALT = "token";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final JsonMapper JSON = JsonMappers.standard();
    private static final int MAX_INFLATED_BYTES = 64 * 1024;
    private final SecretKeySpec key;

    /** What a valid token says. */
    public record Verified(
            String actor,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable JsonNode restrictions) {
        public Verified {
            Objects.requireNonNull(actor, "actor is null");
            Objects.requireNonNull(createdAt, "createdAt is null");
        }
    }

    public DatasetteSignedTokens(String secret) {
        Objects.requireNonNull(secret, "secret is null");
        byte[] derived = sha1((SALT + "signer" + secret).getBytes(StandardCharsets.UTF_8));
        this.key = new SecretKeySpec(derived, "HmacSHA1");
    }

    /** Whether {@code token} claims to be a Datasette signed token (others are left to other checks). */
    public static boolean recognises(String token) {
        return token.startsWith(PREFIX);
    }

    /** The token for {@code payload}, {@code dstok_} included. */
    public String sign(ObjectNode payload) {
        return PREFIX + dumps(payload);
    }

    /** itsdangerous {@code URLSafeSerializer.dumps}: the signed payload, without the prefix. */
    public String dumps(ObjectNode payload) {
        byte[] json = JSON.writeValueAsBytes(payload);
        byte[] compressed = deflate(json);
        String body =
                compressed.length < json.length - 1 ? "." + B64.encodeToString(compressed) : B64.encodeToString(json);
        return body + "." + signature(body);
    }

    /**
     * itsdangerous {@code URLSafeSerializer.loads}: the payload of a correctly signed value (no prefix);
     * 401 {@code Invalid token signature} for a bad signature or anything that does not decode.
     */
    public JsonNode loads(String signed) {
        int dot = signed.lastIndexOf('.');
        if (dot <= 0) {
            throw invalid("the Datasette token is malformed", "Invalid token signature");
        }
        String body = signed.substring(0, dot);
        byte[] expected = signature(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signed.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw invalid(
                    "the Datasette token is not signed with this service's DATASETTE_SECRET",
                    "Invalid token signature");
        }
        try {
            boolean compressed = body.startsWith(".");
            byte[] bytes = B64D.decode(compressed ? body.substring(1) : body);
            JsonNode node = JSON.readTree(compressed ? inflate(bytes) : bytes);
            if (node == null || !node.isObject()) {
                throw invalid("the Datasette token's payload is not an object", "Invalid token");
            }
            return node;
        } catch (IllegalArgumentException | JacksonException | DataFormatException e) {
            throw invalid("the Datasette token's payload does not decode", "Invalid token");
        }
    }

    /**
     * Datasette's {@code verify_token}: signature, {@code t} and {@code d} checks, expiry at
     * {@code t + min(d, maxTtl)} ({@code maxTtl} zero = no limit), each failure a 401 in Datasette's words.
     */
    public Verified verify(String token, Instant now, Duration maxTtl) {
        if (!recognises(token)) {
            throw invalid("not a Datasette token", "Invalid token");
        }
        JsonNode payload = loads(token.substring(PREFIX.length()));
        JsonNode t = payload.get("t");
        if (t == null) {
            throw invalid("the Datasette token has no timestamp", "Invalid token: no timestamp");
        }
        if (!t.isIntegralNumber() || !t.canConvertToLong()) {
            throw invalid("the Datasette token's timestamp is not an integer", "Invalid token: invalid timestamp");
        }
        JsonNode d = payload.get("d");
        Long duration = null;
        if (d != null && !d.isNull()) {
            if (!d.isIntegralNumber() || !d.canConvertToLong()) {
                throw invalid("the Datasette token's duration is not an integer", "Invalid token: invalid duration");
            }
            duration = d.asLong();
        }
        if (!maxTtl.isZero() && (duration == null || duration > maxTtl.toSeconds())) {
            duration = maxTtl.toSeconds();
        }
        Instant created = Instant.ofEpochSecond(t.asLong());
        Instant expires = duration == null ? null : created.plusSeconds(duration);
        if (expires != null && !now.isBefore(expires)) {
            throw invalid("the Datasette token expired at " + expires, "Token has expired");
        }
        JsonNode a = payload.get("a");
        String actor = a == null || a.isNull() ? "" : a.isString() ? a.asString() : a.toString();
        if (actor.isBlank()) {
            throw invalid("the Datasette token names no actor", "Invalid token: no actor");
        }
        JsonNode r = payload.get("_r");
        return new Verified(actor, created, expires, r == null || r.isNull() ? null : r);
    }

    private static ApiException invalid(String detail, String reason) {
        return ApiException.invalidToken(detail, reason);
    }

    private String signature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
