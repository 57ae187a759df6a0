package datastore.infrastructure.engines;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The slice of configuration an engine sees. */
public record EngineConfig(Path dataDir, Optional<Path> sqlFunctionsAllowFile, Map<String, String> env) {
    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir is null");
        env = Map.copyOf(env);
    }
}
