package datastore.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP route of one surface, as the server registers it and the OpenAPI document describes it:
 * method, path, handler, and what a call needs (a credential, a body of some type and size).
 *
 * @param operation a stable name for logs, metrics and the OpenAPI {@code operationId}
 * @param errors how this surface answers an error raised by the handler
 * @param schema what the route reads besides its path, for the OpenAPI document; null when its owner
 *     gave none (the document then describes it generically)
 */
public record Route(
        String surface,
        HandlerType method,
        String path,
        String operation,
        String summary,
        Access access,
        Body body,
        Handler handler,
        ErrorWriter errors,
        @Nullable RequestSchema schema) {

    /** A route with no request schema. */
    public Route(
            String surface,
            HandlerType method,
            String path,
            String operation,
            String summary,
            Access access,
            Body body,
            Handler handler,
            ErrorWriter errors) {
        this(surface, method, path, operation, summary, access, body, handler, errors, null);
    }

    public Route {
        Objects.requireNonNull(surface, "surface is null");
        Objects.requireNonNull(method, "method is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(operation, "operation is null");
        Objects.requireNonNull(summary, "summary is null");
        Objects.requireNonNull(access, "access is null");
        Objects.requireNonNull(body, "body is null");
        Objects.requireNonNull(handler, "handler is null");
        Objects.requireNonNull(errors, "errors is null");
    }

    /** The same route, described in the OpenAPI document by {@code requestSchema}. */
    public Route withSchema(RequestSchema requestSchema) {
        return new Route(surface, method, path, operation, summary, access, body, handler, errors, requestSchema);
    }

    /** Who may call a route: anyone, or whoever the access service lets do what the call asks. */
    public enum Access {
        PUBLIC,
        /** The handler asks the access service per call, for the table and verbs the call names. */
        CREDENTIAL
    }

    /**
     * What a route reads from the request body.
     *
     * @param contentType the media type it expects; empty when the route reads no body
     * @param maxBytes the largest body it reads; 0 when it reads none
     */
    public record Body(String contentType, long maxBytes) {
        public static final Body NONE = new Body("", 0);

        public static Body json(long maxBytes) {
            return new Body("application/json", maxBytes);
        }

        public boolean any() {
            return maxBytes > 0;
        }
    }
}
