package datastore.infrastructure.engines;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The slice of configuration an engine sees.
 *
 * @param databaseUrl the database server address, for engines that use one ({@code DATASTORE_DATABASE_URL})
 */
public record EngineConfig(
        Path dataDir, Optional<Path> sqlFunctionsAllowFile, Map<String, String> env, Optional<String> databaseUrl) {
    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir is null");
        env = Map.copyOf(env);
        Objects.requireNonNull(databaseUrl, "databaseUrl is null");
    }

    /** For embedded engines, which need no server address. */
    public EngineConfig(Path dataDir, Optional<Path> sqlFunctionsAllowFile, Map<String, String> env) {
        this(dataDir, sqlFunctionsAllowFile, env, Optional.empty());
    }
}
