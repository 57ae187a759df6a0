package datastore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service jar, started as a child process on a free port with its own data directory. */
final class Service implements AutoCloseable {
    final String engine;
    final Process process;
    final URI base;
    final Path log;

    private Service(String engine, Process process, URI base, Path log) {
        this.engine = engine;
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static Service start(Path jar, String engine, Path dataDir, String databaseUrl, List<String> jvmArgs)
            throws Exception {
        Files.createDirectories(dataDir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("PORT", Integer.toString(port));
        env.put("DATA_DIR", dataDir.toString());
        env.put("AUTH_ENABLED", "false");
        env.put("LOG_LEVEL", "warn");
        env.put("DATASTORE_ENGINE", engine);
        if (databaseUrl != null) env.put("DATASTORE_DATABASE_URL", databaseUrl);
        else env.remove("DATASTORE_DATABASE_URL");
        Path log = dataDir.resolve("service.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        // A bench killed half-way must not leave the service running.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        Service s = new Service(engine, p, URI.create("http://127.0.0.1:" + port), log);
        HttpClient c = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            if (!p.isAlive()) throw new IllegalStateException("service exited; see " + log);
            try {
                HttpResponse<String> r = c.send(
                        HttpRequest.newBuilder(s.base.resolve("/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) break;
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("service not ready; see " + log);
            Thread.sleep(100);
        }
        System.out.println("  service (" + engine + ") pid " + p.pid() + " on " + s.base);
        return s;
    }

    long pid() {
        return process.pid();
    }

    /** A client with one HTTP/1.1 connection per worker is what the load generator uses. */
    static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpRequest action(String name, byte[] body) {
        return HttpRequest.newBuilder(base.resolve("/api/3/action/" + name))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Posts an action; throws unless it answers 200 with success. Returns the body. */
    String call(HttpClient c, String name, String body) throws Exception {
        return call(c, name, body.getBytes(StandardCharsets.UTF_8));
    }

    String call(HttpClient c, String name, byte[] body) throws Exception {
        HttpResponse<String> r = c.send(action(name, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            String b = r.body();
            throw new IllegalStateException(
                    name + " -> " + r.statusCode() + ": " + b.substring(0, Math.min(400, b.length())));
        }
        return r.body();
    }

    /** Posts an action and drains the answer without keeping it; throws unless 200. */
    void callDiscard(HttpClient c, String name, byte[] body) throws Exception {
        HttpResponse<InputStream> r = c.send(action(name, body), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (r.statusCode() != 200) throw new IllegalStateException(name + " -> " + r.statusCode());
    }

    /** Resident set size (current, peak) of the service in kB, from /proc. */
    long[] rssKb() {
        try {
            long rss = 0, hwm = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
                if (line.startsWith("VmHWM:")) hwm = Long.parseLong(line.replaceAll("\\D", ""));
            }
            return new long[] {rss, hwm};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }

    /** Forces a full GC in the service and returns its heap in use afterwards (bytes), via jcmd. */
    long liveHeapAfterGc() {
        try {
            Path bin = Path.of(ProcessHandle.current().info().command().orElse("java"))
                    .getParent();
            run(bin.resolve("jcmd").toString(), Long.toString(pid()), "GC.run");
            String out = run(bin.resolve("jcmd").toString(), Long.toString(pid()), "GC.heap_info");
            // " garbage-first heap   total reserved 1048576K, committed 262144K, used 12345K"
            var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
