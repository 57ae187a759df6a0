package datastore.services.stream;

import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * XML dumps as CKAN's ElementTree writer produces them: one {@code <row>} line per record, a leading
 * {@code _id} column as its attribute, other columns as elements named verbatim by field id, arrays
 * and JSON containers as nested {@code <value key="…">} elements, NULL as {@code xsi:nil="true"}.
 *
 * <p>CKAN fills the tree from the {@code objects} records decoded by Python, so scalar text is
 * Python's {@code str()} of the decoded JSON value: {@code True}/{@code False}, floats in Python's
 * repr ({@code 1.5}, {@code 1e+16}).
 */
public final class XmlDumpWriter implements DumpWriter {

    private static final String VALUE_TAG = "value";

    @Override
    public long write(RowSource rows, OutputStream out, boolean bom) throws IOException {
        Writer writer = DumpOutput.writer(out, bom);
        writer.write("<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        List<OutputField> fields = rows.fields();
        // Like CKAN, only an _id that comes first becomes the attribute.
        boolean idAttribute = !fields.isEmpty() && fields.getFirst().id().equals("_id");
        int first = idAttribute ? 1 : 0;
        StringBuilder sb = new StringBuilder(512);
        long count = 0;
        while (rows.next()) {
            sb.setLength(0);
            sb.append("<row");
            if (idAttribute) {
                Object id = rows.value(0);
                sb.append(" _id=\"");
                escape(
                        sb,
                        id == null
                                ? "None"
                                : scalarText(fields.getFirst().type().base(), id, true),
                        true);
                sb.append('"');
            }
            if (first == fields.size()) {
                sb.append(" />");
            } else {
                sb.append('>');
                for (int i = first; i < fields.size(); i++) {
                    OutputField f = fields.get(i);
                    node(sb, f.id(), null, f.type(), rows.value(i));
                }
                sb.append("</row>");
            }
            sb.append('\n');
            writer.append(sb);
            count++;
        }
        writer.write("</data>\n");
        writer.flush();
        return count;
    }

    private static void node(StringBuilder sb, String tag, @Nullable String key, FieldType type, @Nullable Object v) {
        if (v == null) {
            empty(sb, tag, key, true);
        } else if (type.array() || v instanceof List<?> || v instanceof Object[]) {
            listNode(sb, tag, key, type.base(), ValueRenderer.elements(v));
        } else {
            scalarNode(sb, tag, key, type.base(), v, true);
        }
    }

    private static void listNode(StringBuilder sb, String tag, @Nullable String key, BaseType base, List<?> elements) {
        if (elements.isEmpty()) {
            empty(sb, tag, key, false);
            return;
        }
        open(sb, tag, key);
        for (int i = 0; i < elements.size(); i++) {
            Object e = elements.get(i);
            String index = Integer.toString(i);
            if (e == null) {
                empty(sb, VALUE_TAG, index, true);
            } else if (e instanceof List<?> || e instanceof Object[]) {
                listNode(sb, VALUE_TAG, index, base, ValueRenderer.elements(e));
            } else {
                scalarNode(sb, VALUE_TAG, index, base, e, false);
            }
        }
        close(sb, tag);
    }

    private static void scalarNode(
            StringBuilder sb, String tag, @Nullable String key, BaseType base, Object v, boolean column) {
        if (base.isJson()) {
            try (JsonParser p = JsonSupport.parse(ValueRenderer.jsonText(v))) {
                jsonNode(sb, tag, key, p);
                JsonSupport.requireEnd(p);
            }
        } else {
            leaf(sb, tag, key, scalarText(base, v, column));
        }
    }

    /** Walks the JSON value at the parser's current token, leaving the parser on its last token. */
    private static void jsonNode(StringBuilder sb, String tag, @Nullable String key, JsonParser p) {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_OBJECT) {
                    empty(sb, tag, key, false);
                    return;
                }
                open(sb, tag, key);
                while (t == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    jsonNode(sb, VALUE_TAG, name, p);
                    t = p.nextToken();
                }
                close(sb, tag);
            }
            case START_ARRAY -> {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    empty(sb, tag, key, false);
                    return;
                }
                open(sb, tag, key);
                for (int i = 0; t != JsonToken.END_ARRAY; i++) {
                    jsonNode(sb, VALUE_TAG, Integer.toString(i), p);
                    t = p.nextToken();
                }
                close(sb, tag);
            }
            case VALUE_NULL -> empty(sb, tag, key, true);
            case VALUE_TRUE -> leaf(sb, tag, key, "True");
            case VALUE_FALSE -> leaf(sb, tag, key, "False");
            case VALUE_NUMBER_INT -> leaf(sb, tag, key, new BigInteger(p.getString()).toString());
            case VALUE_NUMBER_FLOAT -> leaf(sb, tag, key, NumberText.pythonFloat(p.getDoubleValue()));
            case VALUE_STRING -> leaf(sb, tag, key, p.getString());
            default -> throw new IllegalArgumentException("unexpected JSON token " + p.currentToken());
        }
    }

    /** Python's {@code str()} of the value CKAN's JSON {@code objects} records decode to. */
    private static String scalarText(BaseType base, Object v, boolean column) {
        return switch (v) {
            case Boolean b -> b ? "True" : "False";
            case Double d ->
                Double.isFinite(d) ? pythonNumber(ValueRenderer.floatText(base, d)) : NumberText.pgFloat8(d);
            case Float f -> Float.isFinite(f) ? pythonNumber(NumberText.pgFloat4(f)) : NumberText.pgFloat4(f);
            case BigDecimal bd -> pythonNumber(bd.toPlainString());
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Short s -> s.toString();
            case BigInteger i -> i.toString();
            default -> ValueRenderer.stringForm(v, column);
        };
    }

    /** A JSON number as Python decodes and prints it: integers stay integers, anything else is a float. */
    private static String pythonNumber(String json) {
        if (json.indexOf('.') < 0 && json.indexOf('e') < 0 && json.indexOf('E') < 0) {
            return new BigInteger(json).toString();
        }
        return NumberText.pythonFloat(Double.parseDouble(json));
    }

    private static void open(StringBuilder sb, String tag, @Nullable String key) {
        sb.append('<').append(tag);
        keyAttribute(sb, key);
        sb.append('>');
    }

    private static void close(StringBuilder sb, String tag) {
        sb.append("</").append(tag).append('>');
    }

    /** A childless, textless element; ElementTree writes these short, with a space before {@code />}. */
    private static void empty(StringBuilder sb, String tag, @Nullable String key, boolean nil) {
        sb.append('<').append(tag);
        // Attribute order follows CKAN's insertion order: xsi:nil is set before key.
        if (nil) {
            sb.append(" xsi:nil=\"true\"");
        }
        keyAttribute(sb, key);
        sb.append(" />");
    }

    private static void leaf(StringBuilder sb, String tag, @Nullable String key, String text) {
        if (text.isEmpty()) {
            empty(sb, tag, key, false);
            return;
        }
        open(sb, tag, key);
        escape(sb, text, false);
        close(sb, tag);
    }

    private static void keyAttribute(StringBuilder sb, @Nullable String key) {
        if (key != null) {
            sb.append(" key=\"");
            escape(sb, key, true);
            sb.append('"');
        }
    }

    /** ElementTree's escaping: {@code & < >} in text; also {@code "} and CR, LF, tab in attributes. */
    private static void escape(StringBuilder sb, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\r' -> sb.append(attribute ? "&#13;" : "\r");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\t' -> sb.append(attribute ? "&#09;" : "\t");
                default -> sb.append(c);
            }
        }
    }
}
