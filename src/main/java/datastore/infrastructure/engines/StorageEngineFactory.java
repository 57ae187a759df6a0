package datastore.infrastructure.engines;

/**
 * Creates one kind of storage engine; implementations are discovered with {@link java.util.ServiceLoader}
 * and need a public no-argument constructor.
 */
public interface StorageEngineFactory {
    String name();

    StorageEngine create(EngineConfig config);
}
