package datastore.infrastructure.engines.postgres;

import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineContractTest;
import datastore.infrastructure.engines.StorageEngine;
import datastore.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The engine contract against the real PostgreSQL server: each test gets its own database (engines
 * reopened on the same data directory see the same one), all dropped when the class is done.
 */
class PostgresEngineContractTest extends EngineContractTest {
    private static final Map<Path, PostgresTestDatabase> DATABASES = new HashMap<>();

    @Override
    protected StorageEngine createEngine(Path dataDir) {
        PostgresTestDatabase db = DATABASES.computeIfAbsent(dataDir, d -> PostgresTestDatabase.create());
        return new PostgresEngineFactory().create(new EngineConfig(dataDir, Map.of(), db.jdbcUrl()));
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.values().forEach(PostgresTestDatabase::close);
        DATABASES.clear();
    }
}
