package datastore.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CKAN stand-in for tests (no CKAN can be installed here): an HTTP server on a free port speaking
 * CKAN's action API for {@code datastore_authorize} (ckanext-datastore-authz), {@code resource_create},
 * {@code resource_patch} and {@code status_show}. It can be told to allow, deny, fail (HTTP 500) or hang,
 * per call, and records every call it gets.
 */
public final class CkanStandIn implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How the stand-in answers {@code datastore_authorize}. */
    public enum Answer {
        ALLOW,
        DENY,
        NOT_FOUND,
        INVALID,
        FAIL,
        HANG
    }

    /** Decides one {@code datastore_authorize} call from its credential (empty when anonymous) and body. */
    @FunctionalInterface
    public interface Policy {
        Answer decide(Optional<String> authorization, JsonNode body);
    }

    /** One call: the action, its JSON body and the raw {@code Authorization} header it carried. */
    public record Call(String action, JsonNode body, Optional<String> authorization) {}

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Policy policy = (auth, body) -> Answer.ALLOW;
    private volatile long hangMillis = 10_000;

    private CkanStandIn(HttpServer server) {
        this.server = server;
    }

    public static CkanStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            CkanStandIn standIn = new CkanStandIn(server);
            server.createContext("/api/3/action/", standIn::handle);
            server.setExecutor(standIn.pool);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every {@code datastore_authorize} with {@code answer}. */
    public CkanStandIn answer(Answer answer) {
        this.policy = (auth, body) -> answer;
        return this;
    }

    public CkanStandIn policy(Policy policy) {
        this.policy = policy;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    public int count(String action) {
        return calls(action).size();
    }

    public void reset() {
        calls.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String action = ex.getRequestURI().getPath().substring("/api/3/action/".length());
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Optional<String> auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization"));
            calls.add(new Call(action, body, auth));
            switch (action) {
                case "status_show" -> ok(ex, JSON.createObjectNode().put("ckan_version", "2.11.5"));
                case "datastore_authorize" -> authorize(ex, auth, body);
                case "resource_create" -> {
                    if (!body.hasNonNull("package_id")) {
                        error(ex, 409, "Validation Error", Map.of("package_id", List.of("Missing value")));
                        return;
                    }
                    ObjectNode resource = ((ObjectNode) body).deepCopy();
                    resource.put("id", UUID.randomUUID().toString());
                    ok(ex, resource);
                }
                case "resource_patch" -> ok(ex, body);
                default -> send(ex, 400, JSON.writeValueAsBytes("Bad request - Action name not known: " + action));
            }
        }
    }

    private void authorize(HttpExchange ex, Optional<String> auth, JsonNode body) throws IOException {
        switch (policy.decide(auth, body)) {
            case ALLOW -> {
                ObjectNode result = JSON.createObjectNode();
                result.putObject("package").put("id", body.path("package_id").asString("pkg"));
                result.putObject("resource").put("id", body.path("resource_id").asString(""));
                ok(ex, result);
            }
            case DENY ->
                error(
                        ex,
                        403,
                        "Authorization Error",
                        Map.of(
                                "message",
                                "Access denied: User not authorized to "
                                        + body.path("permission").asString() + " resource "
                                        + body.path("resource_id").asString("")));
            case NOT_FOUND ->
                error(ex, 404, "Not Found Error", Map.of("message", "Not found: Resource was not found."));
            case INVALID ->
                error(
                        ex,
                        409,
                        "Validation Error",
                        Map.of("permission", List.of("Value must be one of [read, create]")));
            case FAIL -> send(ex, 500, "<html>Internal Server Error</html>".getBytes(StandardCharsets.UTF_8));
            case HANG -> {
                try {
                    Thread.sleep(hangMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 500, new byte[0]);
            }
        }
    }

    private static void ok(HttpExchange ex, JsonNode result) throws IOException {
        ObjectNode env = JSON.createObjectNode();
        env.put("help", "http://ckan/api/3/action/help_show");
        env.put("success", true);
        env.set("result", result);
        send(ex, 200, JSON.writeValueAsBytes(env));
    }

    private static void error(HttpExchange ex, int status, String type, Map<String, Object> fields) throws IOException {
        ObjectNode env = JSON.createObjectNode();
        env.put("help", "http://ckan/api/3/action/help_show");
        env.put("success", false);
        ObjectNode error = env.putObject("error");
        fields.forEach((k, v) -> error.set(k, JSON.valueToTree(v)));
        error.put("__type", type);
        send(ex, status, JSON.writeValueAsBytes(env));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
