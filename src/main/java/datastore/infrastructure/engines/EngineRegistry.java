package datastore.infrastructure.engines;

import datastore.core.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The storage engines found on the class path, by name. */
public final class EngineRegistry {
    private final Map<String, StorageEngineFactory> factories;

    private EngineRegistry(Map<String, StorageEngineFactory> factories) {
        this.factories = factories;
    }

    public static EngineRegistry discover() {
        Map<String, StorageEngineFactory> found = new TreeMap<>();
        for (StorageEngineFactory f : ServiceLoader.load(StorageEngineFactory.class)) {
            found.put(f.name(), f);
        }
        return new EngineRegistry(found);
    }

    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** The factory for {@code name}; fails start-up listing the known names when there is none. */
    public StorageEngineFactory get(String name) {
        StorageEngineFactory f = factories.get(name);
        if (f == null) {
            throw new ConfigException(List.of("DATASTORE_ENGINE must be one of " + names() + " (got '" + name + "')"));
        }
        return f;
    }
}
