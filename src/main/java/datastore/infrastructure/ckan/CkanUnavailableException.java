package datastore.infrastructure.ckan;

/** CKAN could not be asked: unreachable, timed out, a 5xx, or an answer that is not CKAN's JSON. */
public final class CkanUnavailableException extends RuntimeException {
    public CkanUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public CkanUnavailableException(String message) {
        super(message);
    }
}
