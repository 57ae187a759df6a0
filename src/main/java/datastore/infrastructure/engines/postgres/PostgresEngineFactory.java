package datastore.infrastructure.engines.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import datastore.core.config.ConfigException;
import datastore.core.config.DatabaseUrl;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.StorageEngineFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the PostgreSQL engine over {@code DATASTORE_DATABASE_URL}: a HikariCP pool, CKAN's
 * full-text trigger function where it is missing, and the first schema of the search path (CKAN's
 * {@code public}) as the home of the datastore tables.
 */
public final class PostgresEngineFactory implements StorageEngineFactory {
    public static final String NAME = "postgres";
    static final String ALLOW_LIST = "datastore/infrastructure/engines/postgres/allowed_functions.txt";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresEngineFactory.class);
    private static final int POOL_SIZE = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StorageEngine create(EngineConfig config) {
        String url = config.databaseUrl();
        if (url == null) {
            throw new ConfigException(List.of("DATASTORE_DATABASE_URL is required when DATASTORE_ENGINE=postgres"));
        }
        DatabaseUrl db;
        try {
            db = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of("DATASTORE_DATABASE_URL " + e.getMessage()));
        }
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("datastore-postgres");
        hc.setJdbcUrl(db.jdbcUrl());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(POOL_SIZE);
        hc.setMinimumIdle(2);
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(10_000);
        // Text renderings of timestamptz (full-text documents, casts in user SQL) must not depend on the host.
        hc.setConnectionInitSql("SET TimeZone = 'UTC'");
        hc.addDataSourceProperty("ApplicationName", "datastore");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw ApiException.of(
                    ErrorCode.UNAVAILABLE,
                    "cannot connect to PostgreSQL at " + db.redacted() + " (DATASTORE_DATABASE_URL): " + rootMessage(e),
                    e);
        }
        try {
            return new PostgresEngine(pool, bootstrap(pool));
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.of(
                    ErrorCode.UNAVAILABLE, "cannot prepare PostgreSQL at " + db.redacted() + ": " + rootMessage(e), e);
        }
    }

    /** The schema tables live in, after making sure CKAN's trigger function exists there. */
    private static String bootstrap(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            String schema;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            if (schema == null) {
                throw ApiException.of(
                        ErrorCode.UNAVAILABLE, "the database search_path names no existing schema for the tables");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(7281)");
                try (ResultSet rs = s.executeQuery(
                        "SELECT to_regprocedure('" + PostgresSchema.TRIGGER_FUNCTION + "()') IS NOT NULL")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        s.execute(PostgresSchema.triggerFunction(
                                new PostgresDialect(schema).quote(schema) + "." + PostgresSchema.TRIGGER_FUNCTION));
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!PostgresErrors.is(e, PostgresErrors.PERMISSION_DENIED)) {
                    throw e;
                }
                // A read-only role can still serve an existing CKAN database; writes will say why they fail.
                LOG.warn("cannot create {}(): {}", PostgresSchema.TRIGGER_FUNCTION, PostgresErrors.message(e));
            }
            return schema;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
