package datastore.infrastructure.ckan;

import datastore.core.json.JsonMappers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls CKAN's action API ({@code POST {CKAN_URL}/api/3/action/<name>}) with the caller's credential,
 * raw in {@code Authorization} as CKAN expects. Every call is bounded by {@code HTTP_TIMEOUT_SECONDS}.
 */
public final class CkanClient {
    private static final JsonMapper JSON = JsonMappers.standard();
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    public CkanClient(URI base, Duration timeout) {
        String b = Objects.requireNonNull(base, "base is null").toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI base() {
        return base;
    }

    public ObjectNode newBody() {
        return JSON.createObjectNode();
    }

    /**
     * Posts {@code body} to the action; any CKAN envelope comes back as a reply (success or error),
     * anything else throws {@link CkanUnavailableException}.
     */
    public CkanReply call(String action, ObjectNode body, @Nullable String credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/3/action/" + action))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (credential != null) {
            request.header("Authorization", credential);
        }
        return send(action, request.build());
    }

    /** Whether CKAN answers {@code status_show}; throws {@link CkanUnavailableException} when not. */
    public void ping() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/3/action/status_show"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        CkanReply reply = send("status_show", request);
        if (!reply.success()) {
            throw new CkanUnavailableException("CKAN's status_show answered HTTP " + reply.status());
        }
    }

    private CkanReply send(String action, HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CkanUnavailableException(
                    "CKAN did not answer " + action + " within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new CkanUnavailableException("CKAN at " + base + " is unreachable", e);
        } catch (IOException e) {
            throw new CkanUnavailableException("calling CKAN's " + action + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CkanUnavailableException("interrupted while calling CKAN's " + action, e);
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new CkanUnavailableException("CKAN answered " + action + " with HTTP " + status);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new CkanUnavailableException("CKAN's answer to " + action + " (HTTP " + status + ") is not JSON", e);
        }
        if (body == null || !body.isObject() || !body.has("success")) {
            // CKAN answers an action it does not know with a bare JSON string (HTTP 400).
            throw new CkanUnavailableException("CKAN's answer to " + action + " (HTTP " + status
                    + ") is not an action envelope" + (body != null && body.isString() ? ": " + body.asString() : ""));
        }
        return new CkanReply(status, body);
    }
}
