package datastore.infrastructure.engines.trino;

import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineContractTest;
import datastore.infrastructure.engines.StorageEngine;
import datastore.testing.TrinoTestSchema;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The engine contract against a real Trino + Iceberg cluster ({@code TRINO_URL}; opt-in: {@code
 * ./mvnw verify -Ptrino}): each test gets its own schema (engines reopened on the same data directory
 * see the same one), all dropped when the class is done.
 */
class TrinoEngineContractTest extends EngineContractTest {
    private static final Map<Path, TrinoTestSchema> SCHEMAS = new HashMap<>();

    @Override
    protected StorageEngine createEngine(Path dataDir) {
        TrinoTestSchema schema = SCHEMAS.computeIfAbsent(dataDir, d -> TrinoTestSchema.create());
        return new TrinoEngineFactory().create(new EngineConfig(dataDir, schema.env()));
    }

    @Override
    protected Map<String, String> knownDifferences() {
        return Map.of(
                "valuesTheColumnTypeRejectsAreReportedInPostgresqlsWords",
                "Iceberg has no smallint or interval: int2 is stored as integer and interval as text, so the engine"
                        + " itself takes 99999 and 'abc' (the write service refuses them before they reach it)",
                "noValueOverTheCapLeavesTheEngine",
                "Trino's repeat(x, n) builds an array, not a string, so the test's 999-character value is not one");
    }

    @AfterAll
    static void dropSchemas() {
        SCHEMAS.values().forEach(TrinoTestSchema::close);
        SCHEMAS.clear();
    }
}
