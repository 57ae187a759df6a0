package datastore.testing;

import datastore.Application;
import datastore.core.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real service on a random port, with its own data directory, driven over real HTTP. With the
 * system property {@code datastore.test.engine=postgres} it serves from a fresh PostgreSQL database
 * (see {@link PostgresTestDatabase}), dropped when the server closes; with {@code trino}, from a fresh
 * schema of the Trino cluster at {@code TRINO_URL} (see {@link TrinoTestSchema}).
 */
public final class TestServer implements AutoCloseable {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final Application app;
    private final Path dataDir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String printed;
    private final PostgresTestDatabase database;
    private final TrinoTestSchema trinoSchema;

    private TestServer(
            Application app, Path dataDir, String printed, PostgresTestDatabase database, TrinoTestSchema trinoSchema) {
        this.app = app;
        this.dataDir = dataDir;
        this.printed = printed;
        this.database = database;
        this.trinoSchema = trinoSchema;
    }

    /** The engine these tests run against: {@code duckdb} unless {@code datastore.test.engine} says otherwise. */
    public static String engine() {
        return System.getProperty("datastore.test.engine", "duckdb");
    }

    /** Open mode (AUTH_ENABLED=false), plus any extra settings. */
    public static TestServer open(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("AUTH_ENABLED", "false"));
        env.putAll(extra);
        return start(env);
    }

    public static TestServer open() {
        return open(Map.of());
    }

    public static TestServer start(Map<String, String> settings) {
        try {
            Path dir = Files.createTempDirectory("datastore-test");
            Map<String, String> env = new HashMap<>(settings);
            env.putIfAbsent("DATA_DIR", dir.toString());
            env.put("PORT", "0");
            PostgresTestDatabase database = null;
            if (engine().equals("postgres") && !env.containsKey("DATASTORE_ENGINE")) {
                database = PostgresTestDatabase.create();
                env.put("DATASTORE_ENGINE", "postgres");
                env.put("DATASTORE_DATABASE_URL", database.jdbcUrl());
            }
            TrinoTestSchema trinoSchema = null;
            if (engine().equals("trino") && !env.containsKey("DATASTORE_ENGINE")) {
                trinoSchema = TrinoTestSchema.create();
                env.put("DATASTORE_ENGINE", "trino");
                env.putAll(trinoSchema.env());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                Application app = Application.start(AppConfig.from(env), env, new PrintStream(out, true));
                return new TestServer(app, Path.of(env.get("DATA_DIR")), out.toString(), database, trinoSchema);
            } catch (RuntimeException e) {
                if (database != null) {
                    database.close();
                }
                if (trinoSchema != null) {
                    trinoSchema.close();
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PostgreSQL database this server serves from, when it runs on the postgres engine. */
    public Optional<PostgresTestDatabase> database() {
        return Optional.ofNullable(database);
    }

    public Path dataDir() {
        return dataDir;
    }

    public String printed() {
        return printed;
    }

    public Optional<String> adminToken() {
        return app.adminToken();
    }

    /** The route table the running server registered. */
    public datastore.api.RouteTable routes() {
        return app.routes();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    /** POSTs a JSON body to {@code /api/3/action/<action>}. */
    public Response action(String action, Object body) {
        return post("/api/3/action/" + action, body instanceof String s ? s : JSON.writeValueAsString(body), Map.of());
    }

    public Response action(String action, Object body, Map<String, String> headers) {
        return post("/api/3/action/" + action, body instanceof String s ? s : JSON.writeValueAsString(body), headers);
    }

    public Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::setHeader);
        return send(b.build());
    }

    /** Any method, raw body bytes (null for none), headers as given: for requests a client would not build. */
    public Response send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(120))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::setHeader);
        return send(b.build());
    }

    /**
     * Writes {@code request} (a whole HTTP/1.1 request) on a plain socket and returns what the server
     * answered, for requests no HTTP client would send (NUL in the path, huge headers).
     */
    public String raw(String request) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(120))
                .GET();
        headers.forEach(b::setHeader);
        return send(b.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (database != null) {
                database.close();
            }
            if (trinoSchema != null) {
                trinoSchema.close();
            }
        }
    }

    /** A response: status, raw body, headers; {@link #json()} parses the body. */
    public record Response(int status, byte[] bytes, Map<String, java.util.List<String>> headers) {
        public String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public JsonNode result() {
            return json().get("result");
        }

        public JsonNode error() {
            return json().get("error");
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().get(0));
        }
    }
}
