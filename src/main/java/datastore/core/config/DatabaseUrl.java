package datastore.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL address given either in libpq's form ({@code postgresql://user:password@host:port/db?…},
 * which pgjdbc cannot parse) or as a JDBC URL ({@code jdbc:postgresql://…}), turned into what pgjdbc
 * takes: a JDBC URL without credentials, plus the user and password apart.
 */
public record DatabaseUrl(
        String jdbcUrl, @Nullable String user, @Nullable String password) {
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
    }

    /** Parses either form; throws {@link IllegalArgumentException} saying what is wrong. */
    public static DatabaseUrl parse(String url) {
        String u = url == null ? "" : url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith(JDBC_PREFIX)) {
            if (!lower.startsWith(JDBC_PREFIX + "//")) {
                throw new IllegalArgumentException("must look like jdbc:postgresql://host:port/database");
            }
            return new DatabaseUrl(u, null, null);
        }
        if (!lower.startsWith("postgresql://") && !lower.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "must be a postgresql://user:password@host:port/database or jdbc:postgresql:// URL");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL: " + e.getReason());
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw new IllegalArgumentException("has a host that cannot be read (one host only, no socket paths)");
        }
        // libpq reads an empty host as the local socket; pgjdbc speaks TCP, so use the loopback.
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
        if (uri.getPort() >= 0) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        jdbc.append(path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            String rawUser = colon < 0 ? info : info.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            if (colon >= 0) {
                password = decode(info.substring(colon + 1));
            }
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The address without any password, for messages and logs. */
    public String redacted() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***") + (user == null ? "" : " (user " + user + ")");
    }
}
