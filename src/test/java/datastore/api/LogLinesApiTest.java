package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import datastore.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the log stream carries: one access line per request with status, duration and the error; never a token. */
class LogLinesApiTest {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Logger root;
    private ch.qos.logback.classic.Level level;

    @BeforeEach
    void listen() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // The build runs tests at LOG_LEVEL=WARN; these look at the info lines a server writes by default.
        level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(events);
        root.setLevel(level);
    }

    private static Map<String, Object> pairs(ILoggingEvent e) {
        Map<String, Object> out = new HashMap<>();
        if (e.getKeyValuePairs() != null) {
            e.getKeyValuePairs().forEach(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    private List<Map<String, Object>> accessLines() {
        synchronized (events) {
            return events.list.stream()
                    .filter(e -> e.getLoggerName().equals("datastore.access"))
                    .map(LogLinesApiTest::pairs)
                    .toList();
        }
    }

    @Test
    void aRefusedRequestIsLoggedWithStatusDurationAndItsError() {
        try (TestServer s = TestServer.open()) {
            s.action("datastore_search", Map.of("resource_id", "missing_table"));
            s.get("/health");
        }
        List<Map<String, Object>> lines = accessLines();
        Map<String, Object> refused = lines.stream()
                .filter(l -> "datastore_search".equals(l.get("operation")))
                .findFirst()
                .orElseThrow();
        assertThat(refused.get("status")).isEqualTo(404);
        assertThat(refused.get("ms")).isInstanceOf(Number.class);
        assertThat((String) refused.get("error")).contains("missing_table");
        Map<String, Object> health = lines.stream()
                .filter(l -> "health".equals(l.get("operation")))
                .findFirst()
                .orElseThrow();
        assertThat(health.get("status")).isEqualTo(200);
        assertThat(health).doesNotContainKey("error");
    }

    @Test
    void theAdminTokenGoesToTheConsoleOnceAndNeverIntoTheLog() {
        String token;
        try (TestServer s = TestServer.start(Map.of())) {
            token = s.adminToken().orElseThrow();
            assertThat(s.printed()).contains(token);
            s.action("datastore_search", Map.of("resource_id", "x"), Map.of("Authorization", token));
        }
        synchronized (events) {
            assertThat(events.list).isNotEmpty();
            for (ILoggingEvent e : events.list) {
                assertThat(e.getFormattedMessage()).doesNotContain(token);
                assertThat(pairs(e).values().toString()).doesNotContain(token);
            }
        }
    }
}
