package datastore.infrastructure.engines.trino;

import datastore.core.config.ConfigException;
import datastore.core.config.Env;
import datastore.core.config.TrinoSettings;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.StorageEngineFactory;
import datastore.infrastructure.engines.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Creates the Trino engine over {@code TRINO_URL}: checks the coordinator answers, creates the schema
 * in the Iceberg catalog when it is missing, and loads the table definitions.
 */
public final class TrinoEngineFactory implements StorageEngineFactory {
    public static final String NAME = "trino";
    static final String ALLOW_LIST = "datastore/infrastructure/engines/trino/allowed_functions.txt";

    /** How stale this instance's copy of the table definitions may get before it reads them again. */
    private static final Duration CATALOG_REFRESH = Duration.ofSeconds(5);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StorageEngine create(EngineConfig config) {
        Env env = new Env(config.env());
        TrinoSettings settings = TrinoSettings.from(env).orElse(null);
        if (!env.problems().isEmpty()) {
            throw new ConfigException(env.problems());
        }
        if (settings == null) {
            throw new ConfigException(List.of("TRINO_URL is required when DATASTORE_ENGINE=trino"));
        }
        return create(settings);
    }

    /** The engine over an already validated cluster address. */
    public static StorageEngine create(TrinoSettings settings) {
        Properties props = new Properties();
        props.setProperty("user", settings.user());
        if (settings.password() != null) {
            props.setProperty("password", settings.password().value());
        }
        if (settings.ssl()) {
            props.setProperty("SSL", "true");
        }
        props.setProperty("source", "datastore");
        // Parameters travel inside the statement text (EXECUTE IMMEDIATE) rather than in HTTP headers.
        props.setProperty("explicitPrepare", "false");
        String url = settings.jdbcUrl() + "/" + settings.catalog() + "/" + settings.schema();
        Jdbc.Connections connections = () -> DriverManager.getConnection(url, props);
        try (Connection c = connections.open();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + settings.catalog() + "\".\"" + settings.schema() + "\"");
        } catch (SQLException e) {
            throw ApiException.of(
                    ErrorCode.UNAVAILABLE,
                    "cannot reach Trino at " + settings.jdbcUrl() + " (TRINO_URL), catalog " + settings.catalog() + ": "
                            + TrinoErrors.message(e),
                    e);
        }
        TrinoEngine engine;
        try {
            engine = new TrinoEngine(connections, settings.catalog(), settings.schema(), CATALOG_REFRESH);
        } catch (SQLException e) {
            throw ApiException.of(
                    ErrorCode.UNAVAILABLE, "cannot read the datastore tables from Trino: " + TrinoErrors.message(e), e);
        }
        return engine;
    }
}
