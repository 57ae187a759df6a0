package datastore.api.datasette;

import datastore.core.json.JsonMappers;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.services.stream.OutputField;
import datastore.services.stream.ValueRenderer;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Datasette's rendering of stored values: numbers as JSON numbers, text as strings, JSON and array
 * values as their JSON text (Datasette keeps nested values as JSON text), timestamps as the CKAN
 * surface shows them, and a column marked {@code "datasette_type": "blob"} as {@code $base64}.
 */
final class DatasetteRows {
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?\\d{1,18}");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DatasetteRows() {}

    /** The JSON value of {@code v} in column {@code field}. */
    static JsonNode value(OutputField field, @Nullable Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        FieldType type = field.type();
        if (isBlob(field)) {
            ObjectNode o = NODES.objectNode();
            o.put("$base64", true);
            o.put("encoded", String.valueOf(ValueRenderer.text(type, v)));
            return o;
        }
        if (type.array() || type.base().isJson()) {
            return NODES.stringNode(String.valueOf(ValueRenderer.text(type, v)));
        }
        return switch (v) {
            case String s when type.base() == BaseType.NUMERIC -> number(s);
            case String s -> NODES.stringNode(s);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Short s -> NODES.numberNode(s);
            case BigInteger b -> NODES.numberNode(b);
            case BigDecimal b -> NODES.numberNode(b);
            case Boolean b -> NODES.booleanNode(b);
            case Double d -> floating(type, d, d);
            case Float f -> floating(type, f, f.doubleValue());
            default -> asCkanShowsIt(type, v);
        };
    }

    /**
     * A float as the CKAN surface writes it (PostgreSQL's digits, non-finite values as strings), built
     * directly: one page holds thousands of them, too many to print and re-parse each.
     */
    private static JsonNode floating(FieldType type, Object v, double d) {
        String text = String.valueOf(ValueRenderer.text(type, v));
        if (!Double.isFinite(d)) {
            return NODES.stringNode(text);
        }
        if (WHOLE.matcher(text).matches()) {
            return NODES.numberNode(Long.parseLong(text));
        }
        return NODES.numberNode(new BigDecimal(text));
    }

    /** A numeric kept as exact text (DuckDB) is still a JSON number. */
    private static JsonNode number(String s) {
        try {
            return NODES.numberNode(new BigDecimal(s.strip()));
        } catch (NumberFormatException e) {
            return NODES.stringNode(s);
        }
    }

    /** Whether the write side marked the column as holding base64 text of a BLOB. */
    static boolean isBlob(OutputField field) {
        JsonNode info = field.info();
        return info != null && "blob".equals(info.path("datasette_type").asString(""));
    }

    /** Floats, temporal values, intervals: the JSON value the CKAN surface writes. */
    private static JsonNode asCkanShowsIt(FieldType type, Object v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonMappers.standard().createGenerator(out)) {
            ValueRenderer.writeJson(g, type, v);
        }
        return JsonMappers.standard().readTree(out.toString());
    }

    /**
     * The exact text of a key value for a keyset token, read back through the column's cast: full
     * precision (fractional seconds, every float digit), null for SQL NULL.
     */
    static @Nullable String keyText(FieldType type, @Nullable Object v) {
        if (v == null) {
            return null;
        }
        if (type.array() || type.base().isJson()) {
            return ValueRenderer.text(type, v);
        }
        return switch (v) {
            case BigDecimal b -> b.toPlainString();
            case String s -> s;
            default -> v.toString();
        };
    }

    /** {@code _json=col}: JSON text embedded as the JSON value it holds; anything else as it is. */
    static JsonNode parsedJson(JsonNode rendered) {
        if (!rendered.isString()) {
            return rendered;
        }
        try {
            JsonNode parsed = JsonMappers.standard().readTree(rendered.asString());
            return parsed == null || parsed.isMissingNode() ? rendered : parsed;
        } catch (tools.jackson.core.JacksonException e) {
            return rendered;
        }
    }

    /** The text a value is displayed and compared as in facets, URLs and object keys. */
    static String display(JsonNode rendered) {
        if (rendered.isString()) {
            return rendered.asString();
        }
        if (rendered.isObject() && rendered.has("encoded")) {
            return rendered.get("encoded").asString();
        }
        return rendered.toString();
    }
}
