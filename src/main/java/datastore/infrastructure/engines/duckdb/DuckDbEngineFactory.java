package datastore.infrastructure.engines.duckdb;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.StorageEngineFactory;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/** Creates the embedded DuckDB engine, storing its database file under {@code DATA_DIR}. */
public final class DuckDbEngineFactory implements StorageEngineFactory {
    public static final String NAME = "duckdb";
    static final String ALLOW_LIST = "datastore/infrastructure/engines/duckdb/allowed_functions.txt";

    public DuckDbEngineFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StorageEngine create(EngineConfig config) {
        try {
            Files.createDirectories(config.dataDir());
            Path file = config.dataDir().resolve("datastore.duckdb");
            Properties props = new Properties();
            // Without this DuckDB materialises whole results before the first row; dumps must stream.
            props.setProperty("jdbc_stream_results", "true");
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
            try (Statement s = root.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                // User SQL must never reach files, extensions or settings; the SQL guard blocks these too.
                s.execute("SET enable_external_access = false");
                s.execute("SET autoinstall_known_extensions = false");
                s.execute("SET autoload_known_extensions = false");
                s.execute("SET lock_configuration = true");
            }
            return new DuckDbEngine(root, new TextAnalyzer());
        } catch (SQLException | java.io.IOException e) {
            throw ApiException.of(
                    ErrorCode.INTERNAL, "cannot open DuckDB in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }
}
