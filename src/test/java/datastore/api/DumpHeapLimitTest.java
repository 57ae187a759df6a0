package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own JVM with a small heap (see the pom's small-heap execution): a dump several times
 * larger than that heap must stream through.
 */
class DumpHeapLimitTest {
    private static final int BATCHES = 100;
    private static final int BATCH = 10_000;

    @Test
    void streamsADumpLargerThanTheHeap() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        try (TestServer s = TestServer.open()) {
            s.action(
                    "datastore_create",
                    "{\"resource_id\":\"wide\",\"fields\":[{\"id\":\"n\",\"type\":\"int\"},"
                            + "{\"id\":\"text\",\"type\":\"text\"}]}");
            String pad = "x".repeat(140);
            for (int b = 0; b < BATCHES; b++) {
                StringBuilder body = new StringBuilder("{\"resource_id\":\"wide\",\"method\":\"insert\",\"records\":[");
                for (int i = 0; i < BATCH; i++) {
                    body.append(i == 0 ? "" : ",")
                            .append("{\"n\":")
                            .append(b * BATCH + i)
                            .append(",\"text\":\"")
                            .append(pad)
                            .append("\"}");
                }
                assertThat(s.action("datastore_upsert", body.append("]}").toString())
                                .status())
                        .isEqualTo(200);
            }
            HttpResponse<InputStream> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(s.url("/datastore/dump/wide")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long lines = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(lines).isEqualTo(BATCHES * BATCH + 1L);
            assertThat(bytes).isGreaterThan(heap);
        }
    }
}
