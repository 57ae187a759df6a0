package datastore.infrastructure.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import datastore.core.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON object per log line, with the event's key-value pairs as typed JSON (a duration stays a
 * number, a status an integer), the MDC (request id) and any exception with its stack trace. Logback's
 * own JSON encoder writes every value as a string, which log tools then cannot sum or compare.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ObjectNode line = JsonMappers.standard().createObjectNode();
        line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("message", event.getFormattedMessage());
        for (Map.Entry<String, String> e : event.getMDCPropertyMap().entrySet()) {
            line.put(e.getKey(), e.getValue());
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                switch (kv.value) {
                    case null -> line.putNull(kv.key);
                    case Integer i -> line.put(kv.key, i);
                    case Long l -> line.put(kv.key, l);
                    case Double d -> line.put(kv.key, d);
                    case Float f -> line.put(kv.key, f);
                    case Boolean b -> line.put(kv.key, b);
                    case Number n -> line.put(kv.key, n.toString());
                    default -> line.put(kv.key, kv.value.toString());
                }
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("exception", thrown.getClassName() + ": " + thrown.getMessage());
            line.put("stack", ThrowableProxyUtil.asString(thrown));
        }
        return (JsonMappers.standard().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
