package datastore.services.auth;

/** What a request needs on a resource: CKAN's split between reading and changing data. */
public enum Permission {
    READ,
    WRITE
}
