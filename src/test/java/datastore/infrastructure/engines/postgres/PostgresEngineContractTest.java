package datastore.infrastructure.engines.postgres;

import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineContractTest;
import datastore.infrastructure.engines.StorageEngine;
import datastore.testing.PgTestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The engine contract against the real PostgreSQL server: each test gets its own database (engines
 * reopened on the same data directory see the same one), all dropped when the class is done.
 */
class PostgresEngineContractTest extends EngineContractTest {
    private static final Map<Path, PgTestDatabase> DATABASES = new HashMap<>();

    @Override
    protected StorageEngine createEngine(Path dataDir) {
        PgTestDatabase db = DATABASES.computeIfAbsent(dataDir, d -> PgTestDatabase.create());
        return new PostgresEngineFactory().create(new EngineConfig(dataDir, Map.of(), db.jdbcUrl()));
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.values().forEach(PgTestDatabase::close);
        DATABASES.clear();
    }
}
