package datastore.infrastructure.engines.duckdb;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.StorageEngineFactory;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import datastore.infrastructure.engines.jdbc.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the embedded DuckDB engine, storing its database file under {@code DATA_DIR}. */
public final class DuckDbEngineFactory implements StorageEngineFactory {
    public static final String NAME = "duckdb";
    static final String ALLOW_LIST = "datastore/infrastructure/engines/duckdb/allowed_functions.txt";
    /** The deepest SQL expression DuckDB is asked to parse; generated SQL stays far below it. */
    static final int MAX_EXPRESSION_DEPTH = 250;

    /** The database file's name in {@code DATA_DIR}. */
    static final String FILE = "datastore.duckdb";

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbEngineFactory.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StorageEngine create(EngineConfig config) {
        try {
            Path file = config.dataDir().resolve(FILE);
            createOwnerOnly(config.dataDir());
            Properties props = new Properties();
            // Without this DuckDB materialises whole results before the first row; dumps must stream.
            props.setProperty("jdbc_stream_results", "true");
            DuckDBConnection root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
            try {
                ownerOnly(file);
                ownerOnly(file.resolveSibling(FILE + ".wal"));
                try (Statement s = root.createStatement()) {
                    s.execute("SET TimeZone = 'UTC'");
                    // User SQL must never reach files, extensions or settings; the SQL guard blocks these too.
                    s.execute("SET enable_external_access = false");
                    s.execute("SET autoinstall_known_extensions = false");
                    s.execute("SET autoload_known_extensions = false");
                    // DuckDB's parser and binder recurse on the native stack and crash the JVM (SIGSEGV) on SQL
                    // nested ~300 levels deep, below its default limit of 1000; 250 fails cleanly instead.
                    s.execute("SET max_expression_depth = " + MAX_EXPRESSION_DEPTH);
                    s.execute("SET lock_configuration = true");
                }
                return new DuckDbEngine(root, new TextAnalyzer());
            } catch (SQLException | IOException | RuntimeException e) {
                Jdbc.closeQuietly(root);
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw ApiException.of(
                    ErrorCode.INTERNAL, "cannot open DuckDB in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data directory, made owner-only (like the secret files beside the database) when this
     * creates it; an existing one keeps the mode its operator gave it, with a warning if others can read it.
     */
    private static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            if (posix(dir) && !Collections.disjoint(Files.getPosixFilePermissions(dir), OTHERS)) {
                LOG.warn("data directory {} is open to other users; the database and secrets in it are not", dir);
            }
            return;
        }
        try {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    /**
     * DuckDB creates its files with the process umask; the database file is narrowed to its owner once
     * open. A WAL DuckDB recreates later follows the umask again, which the owner-only directory covers.
     */
    private static void ownerOnly(Path file) throws IOException {
        if (Files.exists(file) && posix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
