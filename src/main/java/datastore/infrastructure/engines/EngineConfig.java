package datastore.infrastructure.engines;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The slice of configuration an engine sees.
 *
 * @param databaseUrl the database server address ({@code DATASTORE_DATABASE_URL}) for engines that use
 *     one; null for embedded engines
 */
public record EngineConfig(
        Path dataDir, Map<String, String> env, @Nullable String databaseUrl) {
    public EngineConfig {
        Objects.requireNonNull(dataDir, "dataDir is null");
        env = Map.copyOf(env);
    }

    /** For embedded engines, which need no server address. */
    public EngineConfig(Path dataDir, Map<String, String> env) {
        this(dataDir, env, null);
    }
}
