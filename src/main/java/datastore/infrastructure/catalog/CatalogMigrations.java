package datastore.infrastructure.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The catalog's small ordered migration runner (Flyway has no DuckDB support): applies the class-path
 * scripts {@code V<n>__<what>.sql} in order, each in its own transaction, records each in
 * {@code schema_version} with its SHA-256, and refuses to start when an applied script has changed.
 * On PostgreSQL an advisory lock keeps two instances starting together from racing.
 */
public final class CatalogMigrations {
    /** The schema that holds the catalog in the engine's database. */
    public static final String SCHEMA = "datastore_catalog";

    /** The scripts, in the order they apply; a new migration is a new file and a new line here. */
    public static final List<String> SCRIPTS = List.of("V1__catalog.sql", "V10__ckan_package.sql");

    /** Any fixed number will do: it only has to be the same for every instance of this service. */
    private static final long ADVISORY_LOCK = 0x64617461636174L;

    /** DuckDB's file belongs to one process; within it, one migration at a time. */
    private static final ReentrantLock LOCAL = new ReentrantLock();

    private final String resourceDir;
    private final List<String> scripts;

    public CatalogMigrations() {
        this("datastore/infrastructure/catalog/", SCRIPTS);
    }

    /** Scripts from {@code resourceDir} (a class-path folder ending in {@code /}), for tests. */
    CatalogMigrations(String resourceDir, List<String> scripts) {
        this.resourceDir = Objects.requireNonNull(resourceDir, "resourceDir is null");
        this.scripts = List.copyOf(scripts);
    }

    /** Brings the catalog schema up to date on {@code c}; returns how many scripts it applied. */
    public int migrate(Connection c) throws SQLException {
        boolean postgres = isPostgres(c);
        LOCAL.lock();
        try {
            if (postgres) {
                execute(c, "SELECT pg_advisory_lock(" + ADVISORY_LOCK + ")");
            }
            try {
                return apply(c);
            } finally {
                if (postgres) {
                    execute(c, "SELECT pg_advisory_unlock(" + ADVISORY_LOCK + ")");
                }
            }
        } finally {
            LOCAL.unlock();
        }
    }

    private int apply(Connection c) throws SQLException {
        execute(c, "CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        execute(
                c,
                "CREATE TABLE IF NOT EXISTS " + SCHEMA + ".schema_version (version INTEGER PRIMARY KEY,"
                        + " script VARCHAR NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + SCHEMA + ".schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        int count = 0;
        for (String script : scripts) {
            int version = version(script);
            String text = read(script);
            String checksum = sha256(text);
            String known = applied.get(version);
            if (known != null) {
                if (!known.equals(checksum)) {
                    throw new IllegalStateException("catalog migration " + script
                            + " was changed after it was applied (checksum " + checksum + ", applied " + known
                            + "); add a new migration instead of editing an applied one");
                }
                continue;
            }
            run(c, script, version, text, checksum);
            count++;
        }
        return count;
    }

    private static void run(Connection c, String script, int version, String text, String checksum)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            for (String statement : statements(text)) {
                execute(c, statement);
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + SCHEMA
                    + ".schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, script);
                p.setString(3, checksum);
                p.setTimestamp(4, Timestamp.from(Instant.now()));
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw new SQLException("catalog migration " + script + " failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The statements of a script: comment lines dropped, split at a {@code ;} that ends a line. */
    static List<String> statements(String text) {
        StringBuilder sb = new StringBuilder();
        text.lines().filter(l -> !l.strip().startsWith("--")).forEach(l -> sb.append(l)
                .append('\n'));
        List<String> out = new ArrayList<>();
        for (String part : sb.toString().split(";\\s*\n")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    static int version(String script) {
        if (!script.matches("V[0-9]+__[A-Za-z0-9_]+\\.sql")) {
            throw new IllegalArgumentException("not a migration script name: " + script);
        }
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private String read(String script) {
        String path = resourceDir + script;
        try (InputStream in = CatalogMigrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("catalog migration " + path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read catalog migration " + path, e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData()
                .getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT)
                .contains("postgres");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
