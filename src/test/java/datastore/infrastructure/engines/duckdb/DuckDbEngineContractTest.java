package datastore.infrastructure.engines.duckdb;

import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineContractTest;
import datastore.infrastructure.engines.StorageEngine;
import java.nio.file.Path;
import java.util.Map;

/** The engine contract against embedded DuckDB. */
class DuckDbEngineContractTest extends EngineContractTest {
    @Override
    protected StorageEngine createEngine(Path dataDir) {
        return new DuckDbEngineFactory().create(new EngineConfig(dataDir, Map.of()));
    }
}
