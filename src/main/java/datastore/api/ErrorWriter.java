package datastore.api;

import io.javalin.http.Context;

/** How a surface answers a failed call: CKAN's envelopes, Datasette's error objects, and so on. */
@FunctionalInterface
public interface ErrorWriter {
    /** Where an error writer leaves the failure's message for the access log. */
    String ERROR_ATTRIBUTE = "datastore.error";

    /** Writes {@code error} (an ApiException, or anything unexpected, which becomes a 500) as the response. */
    void write(Context ctx, Exception error, String operation);

    /**
     * Whether this writer also answers a method its routes' path does not serve (405); otherwise the
     * server's default writer does.
     */
    default boolean answersMethodErrors() {
        return false;
    }
}
