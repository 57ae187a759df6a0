package datastore.core.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the trino engine finds its cluster ({@code TRINO_*}): the coordinator, the Iceberg catalog and
 * schema the datastore tables live in, who connects, and how often table maintenance runs.
 *
 * @param jdbcUrl the coordinator as {@code jdbc:trino://host:port}, without catalog, schema or options
 * @param maintenanceMinutes minutes between {@code optimize}/{@code expire_snapshots} rounds; 0 = never
 * @param snapshotRetention how old a snapshot {@code expire_snapshots} removes (a Trino duration, e.g. 7d)
 */
public record TrinoSettings(
        String jdbcUrl,
        String catalog,
        String schema,
        String user,
        @Nullable Secret password,
        boolean ssl,
        int maintenanceMinutes,
        String snapshotRetention) {

    /** Catalog, schema and user names go into SQL and headers unquoted elsewhere: keep them plain. */
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]{0,127}";

    private static final String DURATION = "\\d+(\\.\\d+)?(ms|s|m|h|d)";

    public TrinoSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(snapshotRetention, "snapshotRetention is null");
    }

    /**
     * Reads {@code TRINO_*} from {@code env}; problems are added to {@code env}'s list, each naming its
     * variable. Empty when {@code TRINO_URL} is unset (the caller says whether that is a problem).
     */
    public static Optional<TrinoSettings> from(Env env) {
        Optional<String> raw = env.raw("TRINO_URL");
        int maintenance = env.integer("TRINO_MAINTENANCE_MINUTES", 60, 0, 7 * 24 * 60);
        String retention = env.string("TRINO_SNAPSHOT_RETENTION", "7d");
        if (!retention.matches(DURATION)) {
            env.problem("TRINO_SNAPSHOT_RETENTION must be a duration such as 7d, 12h or 90m (got '" + retention + "')");
        }
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Parsed url;
        try {
            url = Parsed.of(raw.get());
        } catch (IllegalArgumentException e) {
            env.problem("TRINO_URL " + e.getMessage());
            return Optional.empty();
        }
        String catalog = env.raw("TRINO_CATALOG").orElse(url.catalog() != null ? url.catalog() : "iceberg");
        String schema = env.raw("TRINO_SCHEMA").orElse(url.schema() != null ? url.schema() : "datastore");
        String user = env.raw("TRINO_USER").orElse(url.params().getOrDefault("user", "datastore"));
        @Nullable
        String password = env.raw("TRINO_PASSWORD").orElse(url.params().get("password"));
        boolean ssl = env.bool("TRINO_SSL", url.ssl());
        for (Map.Entry<String, String> name : Map.of(
                        "TRINO_CATALOG", catalog, "TRINO_SCHEMA", schema, "TRINO_USER", user)
                .entrySet()) {
            if (!name.getValue().matches(NAME)) {
                env.problem(name.getKey() + " must be letters, digits and _ (got '" + name.getValue() + "')");
            }
        }
        if (password != null && !ssl) {
            env.problem("TRINO_PASSWORD needs TLS (TRINO_SSL=true or an https:// TRINO_URL): Trino refuses"
                    + " passwords over plain HTTP");
        }
        return Optional.of(new TrinoSettings(
                url.jdbcUrl(),
                catalog,
                schema,
                user,
                password == null ? null : new Secret(password),
                ssl,
                maintenance,
                retention));
    }

    /** What a {@code TRINO_URL} says: {@code jdbc:trino://h:p/catalog/schema?user=…} or {@code http(s)://h:p}. */
    private record Parsed(
            String jdbcUrl,
            @Nullable String catalog,
            @Nullable String schema,
            Map<String, String> params,
            boolean ssl) {
        static Parsed of(String text) {
            boolean jdbc = text.startsWith("jdbc:trino://");
            URI uri;
            try {
                uri = URI.create(jdbc ? text.substring("jdbc:".length()) : text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "is not a URL (jdbc:trino://host:port/catalog/schema or" + " http(s)://host:port): " + text);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(jdbc || scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException(
                        "must start with jdbc:trino://, http:// or https:// (got '" + text + "')");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("names no host (got '" + text + "')");
            }
            Map<String, String> params = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        params.put(
                                URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
            String[] path = uri.getPath() == null
                    ? new String[0]
                    : uri.getPath().replaceFirst("^/", "").split("/");
            @Nullable String catalog = path.length > 0 && !path[0].isEmpty() ? path[0] : null;
            @Nullable String schema = path.length > 1 && !path[1].isEmpty() ? path[1] : null;
            boolean ssl = scheme.equals("https") || "true".equalsIgnoreCase(params.get("SSL"));
            int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 8080);
            return new Parsed("jdbc:trino://" + uri.getHost() + ":" + port, catalog, schema, params, ssl);
        }
    }
}
