package datastore.services.auth;

import java.util.Locale;

/** The permission asked of CKAN's {@code datastore_authorize}, as CKAN's own DataStore maps its actions. */
public enum Permission {
    READ,
    CREATE,
    UPDATE,
    DELETE,
    PATCH;

    /** The value CKAN expects: {@code read}, {@code create}, … */
    public String ckanName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
