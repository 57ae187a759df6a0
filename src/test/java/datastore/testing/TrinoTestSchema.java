package datastore.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh schema in the Iceberg catalog of the Trino cluster at {@code TRINO_URL} (what {@code
 * scripts/trino-local start} prints), dropped with its tables and views on close. Without {@code
 * TRINO_URL} the calling test is skipped, unless the run asked for Trino ({@code
 * datastore.test.engine=trino}), where it fails: the Trino tests are opt-in ({@code -Ptrino}).
 */
public final class TrinoTestSchema implements AutoCloseable {
    private final String url;
    private final String catalog;
    private final String name;

    private TrinoTestSchema(String url, String catalog, String name) {
        this.url = url;
        this.catalog = catalog;
        this.name = name;
    }

    /** The cluster address the Trino tests use, or null. */
    public static String clusterUrl() {
        String url = System.getenv("TRINO_URL");
        return url == null || url.isBlank() ? System.getProperty("datastore.test.trino.url") : url;
    }

    public static TrinoTestSchema create() {
        String url = clusterUrl();
        if (url == null) {
            String message = "no Trino cluster (set TRINO_URL, e.g. from scripts/trino-local start)";
            if ("trino".equals(TestServer.engine())) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String[] path = base.replaceFirst("^jdbc:trino://[^/]+/?", "").split("/");
        String catalog = path.length > 0 && !path[0].isEmpty() ? path[0] : "iceberg";
        String name = "datastore_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TrinoTestSchema schema = new TrinoTestSchema(url, catalog, name);
        schema.run(List.of("CREATE SCHEMA \"" + catalog + "\".\"" + name + "\""));
        return schema;
    }

    public String name() {
        return name;
    }

    /** The settings that point the service (or the engine) at this schema. */
    public Map<String, String> env() {
        return Map.of("TRINO_URL", url, "TRINO_CATALOG", catalog, "TRINO_SCHEMA", name);
    }

    private Connection connect() throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (!url.contains("user=")) {
            p.setProperty("user", "datastore");
        }
        return DriverManager.getConnection(url, p);
    }

    private void run(List<String> statements) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Trino at " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<String[]> relations = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name, table_type FROM \"" + catalog
                    + "\".information_schema.tables WHERE table_schema = '" + name + "'")) {
                while (rs.next()) {
                    relations.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] r : relations) {
                s.execute("DROP " + ("VIEW".equals(r[1]) ? "VIEW" : "TABLE") + " IF EXISTS \"" + catalog + "\".\""
                        + name + "\".\"" + r[0] + "\"");
            }
            s.execute("DROP SCHEMA IF EXISTS \"" + catalog + "\".\"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("dropping Trino schema " + name + ": " + e.getMessage(), e);
        }
    }
}
