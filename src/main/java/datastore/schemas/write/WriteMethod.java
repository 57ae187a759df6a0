package datastore.schemas.write;

/**
 * How a write treats a record: CKAN's three methods, plus {@link #INSERT_IGNORE} (Datasette's
 * {@code "ignore": true}, SQLite's INSERT OR IGNORE), which CKAN's {@code method} parameter cannot name.
 */
public enum WriteMethod {
    INSERT,
    UPSERT,
    UPDATE,
    /** Insert the records whose key is new; a record whose key exists (or came earlier in the batch) is skipped. */
    INSERT_IGNORE
}
