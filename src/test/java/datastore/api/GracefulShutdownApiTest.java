package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Stopping the service with a request in flight: new connections are refused at once, the request in
 * flight is answered whole (none lost, none cut mid-body), then the service stops.
 */
class GracefulShutdownApiTest {
    private static final int ROWS = 50_000;
    /** One long word: a big dump that costs the full-text analyzer little to load. */
    private static final String PAD = "x".repeat(60);

    @Test
    void aDumpInFlightWhileStoppingCompletesWholeAndNewConnectionsAreRefused() throws Exception {
        TestServer s = TestServer.open(Map.of("SHUTDOWN_GRACE_SECONDS", "60"));
        CompletableFuture<Void> stopping = null;
        try {
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                records.add(Map.of("n", i, "t", "row" + i + " " + PAD));
            }
            assertThat(s.action(
                                    "datastore_create",
                                    Map.of(
                                            "resource_id",
                                            "big",
                                            "fields",
                                            List.of(
                                                    Map.of("id", "n", "type", "int"),
                                                    Map.of("id", "t", "type", "text")),
                                            "records",
                                            records))
                            .status())
                    .isEqualTo(200);
            int port = Integer.parseInt(s.url("").replaceAll(".*:(\\d+)$", "$1"));
            try (Socket slow = new Socket()) {
                // A small window, so that the dump cannot finish into socket buffers while this reader waits.
                slow.setReceiveBufferSize(4096);
                slow.connect(new InetSocketAddress("127.0.0.1", port));
                slow.getOutputStream()
                        .write(("GET /datastore/dump/big?format=csv HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        + "Connection: close\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = slow.getInputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                // The response has started; the server now waits on this reader, which stops reading.
                received.write(in.readNBytes(1024));

                TestServer server = s;
                stopping = CompletableFuture.runAsync(server::close);
                // While the dump is held up, the listener goes away: a new connection is refused.
                assertThat(refusedEventually(port)).isTrue();
                assertThat(stopping).isNotDone();

                slow.setReceiveBufferSize(1 << 16);
                in.transferTo(received);
                String[] headAndBody = received.toString(StandardCharsets.UTF_8).split("\r\n\r\n", 2);
                assertThat(headAndBody[0]).startsWith("HTTP/1.1 200");
                String csv = dechunk(headAndBody[1], headAndBody[0]);
                List<String> lines = csv.lines().toList();
                assertThat(lines).hasSize(ROWS + 1);
                assertThat(lines.getLast()).isEqualTo(ROWS + "," + (ROWS - 1) + ",row" + (ROWS - 1) + " " + PAD);
            }
            stopping.get();
        } finally {
            if (stopping == null) {
                s.close();
            }
        }
    }

    /** Tries new connections until one is refused (the listener closed); false if it never is. */
    private static boolean refusedEventually(int port) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                // A timeout or reset: try again.
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The body of an HTTP/1.1 response, chunked or not; a chunked body must end with its last chunk. */
    private static String dechunk(String body, String head) {
        if (!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        while (true) {
            int eol = raw.indexOf("\r\n", at);
            assertThat(eol).as("chunk size line").isPositive();
            int size = Integer.parseInt(raw.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            out.append(raw, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
