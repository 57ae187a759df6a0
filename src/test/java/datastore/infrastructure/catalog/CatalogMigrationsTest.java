package datastore.infrastructure.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineRegistry;
import datastore.infrastructure.engines.StorageEngine;
import datastore.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The catalog's migration runner on both engines' databases. */
class CatalogMigrationsTest {

    private static StorageEngine duckdb() throws Exception {
        return EngineRegistry.discover()
                .get("duckdb")
                .create(new EngineConfig(Files.createTempDirectory("catalog-migrations"), Map.of()));
    }

    @Test
    void appliesEachScriptOnceAndRecordsItsChecksumOnDuckDb() throws Exception {
        try (StorageEngine engine = duckdb()) {
            appliesOnce(engine);
        }
    }

    @Test
    void appliesEachScriptOnceAndRecordsItsChecksumOnPostgres() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create();
                StorageEngine engine = postgres(db)) {
            appliesOnce(engine);
        }
    }

    private static StorageEngine postgres(PostgresTestDatabase db) throws Exception {
        return EngineRegistry.discover()
                .get("postgres")
                .create(new EngineConfig(Files.createTempDirectory("catalog-migrations"), Map.of(), db.jdbcUrl()));
    }

    private static void appliesOnce(StorageEngine engine) throws Exception {
        try (Connection c = engine.connection()) {
            assertThat(new CatalogMigrations().migrate(c)).isEqualTo(CatalogMigrations.SCRIPTS.size());
            assertThat(new CatalogMigrations().migrate(c)).isZero();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT version, script, checksum FROM datastore_catalog.schema_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("V1__catalog.sql");
                assertThat(rs.getString(3)).hasSize(64);
            }
            // The catalog's tables are not datastore tables.
            assertThat(engine.tables()).isEmpty();
        }
    }

    @Test
    void refusesToStartWhenAnAppliedScriptChanged() throws Exception {
        try (StorageEngine engine = duckdb();
                Connection c = engine.connection()) {
            new CatalogMigrations().migrate(c);
            CatalogMigrations changed =
                    new CatalogMigrations("datastore/infrastructure/catalog/changed/", List.of("V1__catalog.sql"));
            assertThatThrownBy(() -> changed.migrate(c))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("V1__catalog.sql was changed after it was applied");
        }
    }

    @Test
    void instancesStartingTogetherOnPostgresApplyEachScriptOnce() throws Exception {
        try (PostgresTestDatabase db = PostgresTestDatabase.create()) {
            List<StorageEngine> engines = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (int i = 0; i < 4; i++) {
                    engines.add(postgres(db));
                }
                List<Future<Integer>> runs = new ArrayList<>();
                for (StorageEngine e : engines) {
                    runs.add(pool.submit(() -> {
                        try (Connection c = e.connection()) {
                            return new CatalogMigrations().migrate(c);
                        }
                    }));
                }
                int applied = 0;
                for (Future<Integer> f : runs) {
                    applied += f.get();
                }
                assertThat(applied).isEqualTo(CatalogMigrations.SCRIPTS.size());
            } finally {
                pool.shutdownNow();
                engines.forEach(StorageEngine::close);
            }
        }
    }

    @Test
    void splitsScriptsIntoStatementsWithoutComments() {
        assertThat(CatalogMigrations.statements("-- note\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)");
    }
}
