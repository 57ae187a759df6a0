package datastore.services.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A caller's raw API token, kept only in memory: {@code toString} hides it, caches see only its hash. */
public final class Credential {
    private final String value;

    public Credential(String value) {
        this.value = Objects.requireNonNull(value, "value is null");
    }

    /** The raw token, to forward to CKAN or to verify; never log or store it. */
    public String value() {
        return value;
    }

    /** SHA-256 of the token, hex: what cache keys are built from. */
    public String hash() {
        return sha256(value);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Credential[redacted]";
    }
}
