package datastore.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test run on the server at {@code DATASTORE_TEST_PG_URL}
 * (default {@value #DEFAULT_URL}), dropped on close. Without a reachable server the calling test is
 * skipped with a message, unless {@code CI=true}, where it fails.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private final String adminUrl;
    private final String name;

    private PostgresTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    /** Creates {@code datastore_test_<random>}; skips (or fails on CI) when the server cannot be reached. */
    public static PostgresTestDatabase create() {
        String url = System.getenv().getOrDefault("DATASTORE_TEST_PG_URL", DEFAULT_URL);
        String name = "datastore_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            DriverManager.setLoginTimeout(5);
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + url + " (set DATASTORE_TEST_PG_URL): " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("SKIPPED PostgreSQL tests: " + message);
            assumeTrue(false, message);
        }
        return new PostgresTestDatabase(url, name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database (same server and parameters as the admin URL). */
    public String jdbcUrl() {
        int q = adminUrl.indexOf('?');
        String base = q < 0 ? adminUrl : adminUrl.substring(0, q);
        String params = q < 0 ? "" : adminUrl.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name.toLowerCase(Locale.ROOT) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }
}
