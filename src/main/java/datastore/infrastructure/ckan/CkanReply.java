package datastore.infrastructure.ckan;

import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** CKAN's answer to an action: the HTTP status and its JSON envelope. */
public record CkanReply(int status, JsonNode body) {
    public CkanReply {
        Objects.requireNonNull(body, "body is null");
    }

    public boolean success() {
        return status == 200 && body.path("success").asBoolean(false);
    }

    public JsonNode result() {
        return body.path("result");
    }

    /** The error object of a failed action, if the body is a CKAN envelope. */
    public Optional<JsonNode> error() {
        JsonNode e = body.get("error");
        return e != null && e.isObject() ? Optional.of(e) : Optional.empty();
    }

    /** CKAN's {@code __type} of the error, e.g. {@code Authorization Error}. */
    public String errorType() {
        return error().map(e -> e.path("__type").asString("")).orElse("");
    }

    public String errorMessage() {
        return error().map(e -> e.path("message").asString("")).orElse("");
    }
}
