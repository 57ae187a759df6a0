package datastore.infrastructure.engines.trino;

import datastore.core.config.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The transactional database beside the cluster for the stores that need one (the catalog of apps,
 * data sources and tables): Iceberg has no multi-statement transactions, so they stay in the
 * PostgreSQL at {@code DATASTORE_DATABASE_URL} (shared by every instance), or without it in an embedded
 * DuckDB file in the data directory (one instance only).
 */
final class TrinoSideDatabase implements AutoCloseable {
    private final @Nullable DatabaseUrl postgres;
    private final Path duckDbFile;
    private @Nullable DuckDBConnection duckDb;

    TrinoSideDatabase(@Nullable String databaseUrl, Path dataDir) {
        this.postgres = databaseUrl == null ? null : DatabaseUrl.parse(databaseUrl);
        this.duckDbFile = dataDir.resolve("catalog.duckdb");
    }

    /** A new connection (auto-commit on); the caller closes it. */
    synchronized Connection open() throws SQLException {
        if (postgres != null) {
            Properties p = new Properties();
            if (postgres.user() != null) {
                p.setProperty("user", postgres.user());
            }
            if (postgres.password() != null) {
                p.setProperty("password", postgres.password());
            }
            return DriverManager.getConnection(postgres.jdbcUrl(), p);
        }
        if (duckDb == null) {
            try {
                Files.createDirectories(duckDbFile.getParent());
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create " + duckDbFile.getParent() + ": " + e.getMessage(), e);
            }
            duckDb = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + duckDbFile);
        }
        return duckDb.duplicate();
    }

    @Override
    public synchronized void close() {
        if (duckDb != null) {
            try {
                duckDb.close();
            } catch (SQLException ignored) {
                // Closing on shutdown; nothing is left to write.
            }
            duckDb = null;
        }
    }
}
