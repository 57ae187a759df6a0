package datastore.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs Python scripts with the vendored ckanapi ({@code src/test/resources/ckanapi}) importable, against
 * a running {@link TestServer}: the real CKAN client, not our idea of it. Without {@code python3} or its
 * {@code requests} module the test is skipped with a message, unless {@code CI=true}, where it fails.
 */
public final class PythonClient {
    private static final long TIMEOUT_SECONDS = 120;
    private final String python;
    private final Path libraries;

    private PythonClient(String python, Path libraries) {
        this.python = python;
        this.libraries = libraries;
    }

    /** The first {@code python3} on {@code PATH} that can import {@code requests}; skips (or fails on CI) otherwise. */
    public static PythonClient find() {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        String problem = "no python3 on PATH";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            Result probe = run(candidate.toString(), null, "import requests\n", Map.of());
            if (probe.exitCode() == 0) {
                return new PythonClient(candidate.toString(), vendored());
            }
            problem = candidate + " cannot import requests (install it: .ci/python-deps)";
        }
        String message = "ckanapi tests need Python 3 with requests: " + problem;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + " — CI=true, so this fails instead of skipping");
        }
        assumeTrue(false, message);
        throw new AssertionError("unreachable");
    }

    /**
     * Runs {@code script} with {@code CKAN_URL} set to the server's root and {@code CKAN_APIKEY} to
     * {@code apiKey} (empty for none); what it prints on stdout is the result.
     */
    public Result run(TestServer server, @Nullable String apiKey, String script) {
        return run(
                python,
                libraries,
                script,
                Map.of("CKAN_URL", server.url(""), "CKAN_APIKEY", apiKey == null ? "" : apiKey));
    }

    private static Result run(String python, @Nullable Path libraries, String script, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(python, "-");
        pb.environment().putAll(env);
        if (libraries != null) {
            pb.environment().put("PYTHONPATH", libraries.toString());
        }
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            try (var stdin = p.getOutputStream()) {
                stdin.write(script.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("python script did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(
                    p.exitValue(),
                    new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(127, "", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding the vendored {@code ckanapi} package, from the test classpath. */
    private static Path vendored() {
        URL marker = PythonClient.class.getResource("/ckanapi/ckanapi/__init__.py");
        if (marker == null) {
            throw new IllegalStateException("the vendored ckanapi is not on the test classpath");
        }
        try {
            return Path.of(marker.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a script did: its exit code, stdout and stderr. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The last line of stdout as JSON, after checking that the script succeeded. */
        public JsonNode json() {
            if (exitCode != 0) {
                throw new AssertionError(
                        "python exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            String[] lines = stdout.strip().split("\n");
            return TestServer.JSON.readTree(lines[lines.length - 1]);
        }
    }
}
