package datastore.infrastructure.engines.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the DuckDB engine does: its files on disk, and DuckDB's messages in PostgreSQL's words. */
class DuckDbEngineTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void dataDirectoryAndDatabaseFileAreOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path data = dir.resolve("data").resolve("nested");
        try (StorageEngine engine = new DuckDbEngineFactory().create(new EngineConfig(data, Map.of()))) {
            engine.ping();
        }
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve(DuckDbEngineFactory.FILE))).isEqualTo("rw-------");
    }

    @Test
    void anExistingDatabaseFileIsNarrowedToItsOwner() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        try (StorageEngine engine = new DuckDbEngineFactory().create(new EngineConfig(dir, Map.of()))) {
            engine.ping();
        }
        Path file = dir.resolve(DuckDbEngineFactory.FILE);
        // As an earlier version, or a copy with the default umask, would have left it.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (StorageEngine engine = new DuckDbEngineFactory().create(new EngineConfig(dir, Map.of()))) {
            engine.ping();
        }
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void typeNamesInMessagesArePostgresqls() {
        assertThat(DuckDbErrors.postgresTypeNames(
                        "Cannot compare values of type INTEGER and type VARCHAR - an explicit cast is required"))
                .isEqualTo("Cannot compare values of type integer and type text - an explicit cast is required");
        assertThat(DuckDbErrors.postgresTypeNames("No function matches +(DOUBLE, DECIMAL(18,3), TIMESTAMP)"))
                .isEqualTo("No function matches +(double precision, numeric, timestamp)");
        // Quoted text is the caller's (a value, a column name) and stays as written.
        assertThat(DuckDbErrors.postgresTypeNames("Referenced column \"VARCHAR\" not found; 'INTEGER' is a value"))
                .isEqualTo("Referenced column \"VARCHAR\" not found; 'INTEGER' is a value");
    }

    @Test
    void existingKeysAreListedAsPostgresqlListsThem() {
        assertThat(DuckDbErrors.keyValues("id: 1", List.of("id"))).isEqualTo("1");
        assertThat(DuckDbErrors.keyValues("a: x, y, b: 2", List.of("a", "b"))).isEqualTo("x, y, 2");
        assertThat(DuckDbErrors.keyValues("name: O'Neil, city: a, b", List.of("name", "city")))
                .isEqualTo("O'Neil, a, b");
        assertThat(DuckDbErrors.keyValues("unexpected", List.of("id"))).isEqualTo("unexpected");
    }

    @Test
    void deeplyNestedSqlFailsCleanlyInsteadOfCrashingTheProcess() {
        // Without a lower max_expression_depth, DuckDB overflows its native stack on this and takes the JVM with it.
        String nested = "abs(".repeat(900) + "1" + ")".repeat(900);
        try (StorageEngine engine = new DuckDbEngineFactory().create(new EngineConfig(dir, Map.of()))) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                    () -> engine.sql("SELECT " + nested, 10, 1_000_000, java.time.Duration.ofSeconds(30))
                            .close());
            assertThat(t).isInstanceOf(datastore.core.errors.ApiException.class);
            assertThat(((datastore.core.errors.ApiException) t).fieldErrors()).containsKey("query");
            assertThat(t.getMessage()).contains("expression depth");
        }
    }
}
