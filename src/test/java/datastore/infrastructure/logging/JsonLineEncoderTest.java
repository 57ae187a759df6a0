package datastore.infrastructure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import datastore.core.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;

class JsonLineEncoderTest {
    @Test
    void keyValuePairsKeepTheirJsonTypesOneObjectPerLine() {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent(
                "x",
                context.getLogger("datastore.access"),
                Level.INFO,
                "request",
                new IllegalStateException("boom"),
                null);
        event.setKeyValuePairs(List.of(
                new KeyValuePair("status", 404),
                new KeyValuePair("ms", 1.25),
                new KeyValuePair("path", "/api/3/action/datastore_search"),
                new KeyValuePair("error", null)));
        String text = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\n{");
        JsonNode line = JsonMappers.standard().readTree(text);
        assertThat(line.get("status").isInt()).isTrue();
        assertThat(line.get("ms").isNumber()).isTrue();
        assertThat(line.get("ms").asDouble()).isEqualTo(1.25);
        assertThat(line.get("path").asString()).isEqualTo("/api/3/action/datastore_search");
        assertThat(line.get("error").isNull()).isTrue();
        assertThat(line.get("level").asString()).isEqualTo("INFO");
        assertThat(line.get("exception").asString()).contains("boom");
    }
}
