package datastore.infrastructure.catalog;

/** A catalog insert or update clashed with a slug (or physical table name) the database already holds. */
public final class SlugTakenException extends RuntimeException {
    public SlugTakenException(String message, Throwable cause) {
        super(message, cause);
    }
}
