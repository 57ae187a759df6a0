package datastore.schemas.frictionless;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Cast values back to JSON: numbers and booleans as themselves, dates, times and durations as their ISO text. */
final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {}

    static JsonNode toJson(@Nullable Object v) {
        return switch (v) {
            case null -> NODES.nullNode();
            case JsonNode n -> n;
            case String s -> NODES.stringNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Long l -> NODES.numberNode(l);
            case Integer i -> NODES.numberNode(i);
            case BigInteger i -> NODES.numberNode(i);
            case BigDecimal d -> NODES.numberNode(d);
            case Double d -> NODES.stringNode(PyText.str(d));
            default -> NODES.stringNode(v.toString());
        };
    }
}
