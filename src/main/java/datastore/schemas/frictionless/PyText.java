package datastore.schemas.frictionless;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Python's {@code str()} of values, so notes and cells read as frictionless-py writes them. */
final class PyText {
    private PyText() {}

    /** {@code str()} of a JSON value as Python's json module would load it ({@code true} → {@code True}). */
    static String str(@Nullable JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "None";
        }
        if (v.isString()) {
            return v.asString();
        }
        return repr(v);
    }

    private static String repr(JsonNode v) {
        if (v.isString()) {
            return quoted(v.asString());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        if (v.isNull()) {
            return "None";
        }
        if (v.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (Iterator<JsonNode> it = v.iterator(); it.hasNext(); ) {
                out.append(repr(it.next()));
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            return out.append(']').toString();
        }
        if (v.isObject()) {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(quoted(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return out.append('}').toString();
        }
        return v.toString();
    }

    private static String quoted(String s) {
        return s.contains("'") && !s.contains("\"") ? "\"" + s + "\"" : "'" + s.replace("'", "\\'") + "'";
    }

    /** {@code str()} of a cast value ({@code Decimal}, {@code datetime} with a space, {@code True}). */
    static String str(@Nullable Object value) {
        return switch (value) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case BigDecimal d -> d.toString();
            case Double d -> d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
            case LocalDateTime t ->
                t.toString().replace('T', ' ') + (t.getSecond() == 0 && t.getNano() == 0 ? ":00" : "");
            case OffsetDateTime t ->
                str(t.toLocalDateTime()) + t.getOffset().toString().replace("Z", "+00:00");
            case JsonNode n -> str(n);
            default -> value.toString();
        };
    }
}
