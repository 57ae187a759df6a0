package datastore.testing;

import datastore.core.json.JsonMappers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** jqwik generators of hostile JSON: odd strings, huge and tiny numbers, nesting, and near-miss names. */
public final class JsonArbitraries {
    private static final JsonNodeFactory NODES = JsonMappers.standard().getNodeFactory();

    private JsonArbitraries() {}

    /** Strings a client might send: any characters, SQL-ish fragments, names close to real ones. */
    public static Arbitrary<String> strings(List<String> near) {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
                Arbitraries.of(near),
                Arbitraries.of(near).map(s -> s + " "),
                Arbitraries.of(near).map(s -> s + " desc nulls first"),
                Arbitraries.of(near).map(s -> "\"" + s + "\""),
                Arbitraries.of(
                        "",
                        " ",
                        "'",
                        "\"",
                        "\\",
                        ";",
                        "--",
                        "/*",
                        "%",
                        "_",
                        "NULL",
                        "null",
                        "1e999",
                        "-0",
                        "NaN",
                        "Infinity",
                        "0x1F",
                        "2020-02-30",
                        "25:61",
                        "{}",
                        "[]",
                        "{\"a\":",
                        "\u0000",
                        "\ud800",
                        "\u202e",
                        "' OR 1=1 --",
                        "\"; DROP TABLE t; --",
                        "a & b | !c",
                        "a:*",
                        "(((",
                        "!!!!"));
    }

    /** Any JSON value, at most {@code depth} levels deep. */
    public static Arbitrary<JsonNode> values(List<String> near, int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                strings(near).map(s -> (JsonNode) NODES.stringNode(s)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(b -> (JsonNode) NODES.numberNode(b)),
                Arbitraries.bigDecimals()
                        .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                        .ofScale(6)
                        .map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.just((JsonNode) NODES.nullNode()));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<JsonNode> inner = values(near, depth - 1);
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            var a = NODES.arrayNode();
            items.forEach(a::add);
            return (JsonNode) a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(strings(near), inner)
                .ofMaxSize(4)
                .map(m -> {
                    ObjectNode o = NODES.objectNode();
                    m.forEach(o::set);
                    return (JsonNode) o;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(2, array), net.jqwik.api.Tuple.of(2, object));
    }

    /** An object of {@code keys} (each present or not) with arbitrary values. */
    public static Arbitrary<ObjectNode> params(List<String> keys, List<String> near) {
        Arbitrary<JsonNode> value = values(near, 2);
        return Arbitraries.subsetOf(keys)
                .flatMap(chosen -> value.list().ofSize(chosen.size()).map(vals -> {
                    ObjectNode o = NODES.objectNode();
                    int i = 0;
                    for (String k : chosen) {
                        o.set(k, vals.get(i++));
                    }
                    return o;
                }));
    }
}
