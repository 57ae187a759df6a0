package datastore.core.errors;

/** The kinds of failure the service reports, each with CKAN's {@code __type} and HTTP status. */
public enum ErrorCode {
    VALIDATION(409, "Validation Error"),
    NOT_FOUND(404, "Not Found Error"),
    NOT_AUTHORIZED(403, "Authorization Error"),
    /**
     * The credential itself is not good (malformed, badly signed, unknown, revoked, expired). CKAN answers
     * it as any other authorisation error (403); the Datasette surface answers 401 with
     * {@code WWW-Authenticate: Bearer error="invalid_token"}.
     */
    INVALID_TOKEN(403, "Authorization Error"),
    INTEGRITY(400, "Integrity Error"),
    /** CKAN answers these with a bare JSON string, not an envelope. */
    BAD_REQUEST(400, "Bad Request"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
    /** The request clashes with what exists (the catalog: a slug another record holds). */
    CONFLICT(409, "Conflict Error"),
    /** The record existed and was deleted (the catalog's soft delete). */
    GONE(410, "Gone"),
    PAYLOAD_TOO_LARGE(413, "Request Entity Too Large"),
    UNAVAILABLE(503, "Service Unavailable"),
    INTERNAL(500, "Internal Server Error");

    private final int httpStatus;
    private final String ckanType;

    ErrorCode(int httpStatus, String ckanType) {
        this.httpStatus = httpStatus;
        this.ckanType = ckanType;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String ckanType() {
        return ckanType;
    }
}
