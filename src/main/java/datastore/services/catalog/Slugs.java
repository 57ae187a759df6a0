package datastore.services.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/** URL-safe slugs derived from names, and the physical table names derived from slugs. */
final class Slugs {
    static final int MAX = 100;
    /** PostgreSQL's identifier limit, in bytes; slugs are ASCII, so characters. */
    static final int MAX_IDENTIFIER = 63;

    private Slugs() {}

    /** {@code "Café Öl 2024!"} → {@code "cafe-ol-2024"}; {@code fallback} when nothing usable is left. */
    static String derive(String name, String fallback) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^[-_]+|[-_]+$", "");
        if (slug.length() > MAX) {
            slug = slug.substring(0, MAX).replaceAll("[-_]+$", "");
        }
        return slug.length() < 2 ? fallback : slug;
    }

    /** The {@code n}th candidate for a derived slug: the slug, then {@code slug-2}, {@code slug-3}, … */
    static String candidate(String slug, int n) {
        if (n == 1) {
            return slug;
        }
        String suffix = "-" + n;
        return slug.substring(0, Math.min(slug.length(), MAX - suffix.length())) + suffix;
    }

    /**
     * The engine table of a data table: {@code {app}_{table}} with {@code -} as {@code _}, cut to 63
     * bytes with a hash of the whole kept when too long (so two long names stay apart), and prefixed
     * with {@code t_} when it would start like an engine's own catalog ({@code pg_}, {@code duckdb_}, …).
     */
    static String physicalName(String appSlug, String tableSlug) {
        String name = (appSlug + "_" + tableSlug).replace('-', '_');
        if (name.startsWith("_")
                || name.matches("(pg|duckdb|sqlite|pragma|information_schema|main|public|temp|system)(_.*)?")) {
            name = "t_" + name;
        }
        if (name.length() > MAX_IDENTIFIER) {
            String hash = sha256(name).substring(0, 8);
            name = name.substring(0, MAX_IDENTIFIER - 9) + "_" + hash;
        }
        return name;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
