package datastore.schemas.write;

/** How {@code datastore_upsert} writes a record: CKAN's three methods. */
public enum WriteMethod {
    INSERT,
    UPSERT,
    UPDATE
}
