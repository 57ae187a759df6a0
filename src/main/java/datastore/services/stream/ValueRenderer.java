package datastore.services.stream;

import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * CKAN's value encoding on read (contract §2.4): the JSON form used by {@code objects}/{@code lists}
 * records and the PostgreSQL {@code COPY … csv} text form used by csv/tsv records and dumps.
 */
public final class ValueRenderer {

    private ValueRenderer() {}

    /**
     * Writes {@code v} as the JSON value datastore_search returns for a column of {@code type}:
     * timestamps as {@code "2005-03-01T00:00:00"} (CKAN's {@code to_char}, no fraction, no zone),
     * timestamptz as {@code "2020-01-01T08:00:00+00:00"}, numbers as JSON numbers (numeric keeps its
     * scale, floats in PostgreSQL's shortest form, NaN/±Infinity as strings), json columns embedded
     * as JSON (never double-encoded), arrays as JSON arrays.
     *
     * @throws IllegalArgumentException when a json value is not valid JSON text
     */
    public static void writeJson(JsonGenerator g, FieldType type, Object v) {
        if (v == null) {
            g.writeNull();
        } else if (type.array()) {
            writeJsonArray(g, type.base(), v);
        } else {
            writeJsonScalar(g, type.base(), v, true);
        }
    }

    /**
     * The PostgreSQL {@code COPY … csv} text of {@code v} (before CSV quoting): {@code t}/{@code f},
     * timestamps as {@code 2005-03-01T00:00:00}, timestamptz as {@code 2020-01-01 08:00:00+00},
     * json as its stored text verbatim, arrays as compact JSON ({@code ["a","b"]}), numbers plain.
     *
     * @return the text, or {@code null} for SQL NULL (an empty unquoted field); NULL json and array
     *     values give the literal {@code null}, as CKAN's csv output does
     */
    public static @Nullable String text(FieldType type, @Nullable Object v) {
        if (v == null) {
            return type.array() || type.base().isJson() ? "null" : null;
        }
        if (type.array()) {
            StringWriter out = new StringWriter();
            try (JsonGenerator g = JsonSupport.MAPPER.createGenerator(out)) {
                writeJsonArray(g, type.base(), v);
            }
            return out.toString();
        }
        if (type.base().isJson()) {
            return jsonText(v);
        }
        return switch (v) {
            case String s -> s;
            case Boolean b -> b ? "t" : "f";
            case BigDecimal bd -> bd.toPlainString();
            case Double d -> floatText(type.base(), d);
            case Float f -> NumberText.pgFloat4(f);
            case OffsetDateTime t ->
                date(t.toLocalDate()) + ' ' + time(t.toLocalTime(), true) + offset(t.getOffset(), false);
            default -> stringForm(v, true);
        };
    }

    /**
     * The string CKAN's JSON output holds for a non-numeric, non-boolean scalar: temporal values,
     * intervals, uuids, text. {@code column} is false for array elements, where PostgreSQL's native
     * {@code to_json} keeps fractional seconds that CKAN's {@code to_char} drops for scalar columns.
     */
    static String stringForm(Object v, boolean column) {
        return switch (v) {
            case String s -> s;
            case LocalDateTime t -> date(t.toLocalDate()) + 'T' + time(t.toLocalTime(), !column);
            case OffsetDateTime t ->
                date(t.toLocalDate()) + 'T' + time(t.toLocalTime(), true) + offset(t.getOffset(), true);
            case LocalDate d -> date(d);
            case LocalTime t -> time(t, true);
            case Duration d -> interval(d);
            default -> v.toString();
        };
    }

    /** The stored JSON text of a json column value. */
    static String jsonText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(
                "json value must be JSON text, got " + v.getClass().getName());
    }

    /** The elements of an array value. */
    static List<?> elements(Object v) {
        return switch (v) {
            case List<?> list -> list;
            case Object[] array -> Arrays.asList(array);
            default ->
                throw new IllegalArgumentException(
                        "array value must be a List, got " + v.getClass().getName());
        };
    }

    static String floatText(BaseType base, double d) {
        // A float4 column read through a double-typed driver still prints with float4 digits.
        return base == BaseType.FLOAT4 ? NumberText.pgFloat4((float) d) : NumberText.pgFloat8(d);
    }

    private static void writeJsonArray(JsonGenerator g, BaseType base, Object v) {
        g.writeStartArray();
        for (Object e : elements(v)) {
            if (e == null) {
                g.writeNull();
            } else if (e instanceof List<?> || e instanceof Object[]) {
                writeJsonArray(g, base, e);
            } else {
                writeJsonScalar(g, base, e, false);
            }
        }
        g.writeEndArray();
    }

    private static void writeJsonScalar(JsonGenerator g, BaseType base, Object v, boolean column) {
        if (base.isJson()) {
            copyJson(g, jsonText(v));
            return;
        }
        switch (v) {
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i.intValue());
            case Long l -> g.writeNumber(l.longValue());
            case Short s -> g.writeNumber(s.shortValue());
            case BigInteger i -> g.writeNumber(i);
            case BigDecimal bd -> g.writeNumber(bd.toPlainString());
            case Double d -> writeFloat(g, d, floatText(base, d));
            case Float f -> writeFloat(g, f, NumberText.pgFloat4(f));
            default -> g.writeString(stringForm(v, column));
        }
    }

    private static void writeFloat(JsonGenerator g, double d, String text) {
        // PostgreSQL's to_json turns the non-finite floats into strings.
        if (Double.isFinite(d)) {
            g.writeNumber(text);
        } else {
            g.writeString(text);
        }
    }

    /** Re-emits JSON text token by token, so invalid text fails here and numbers keep their spelling. */
    private static void copyJson(JsonGenerator g, String json) {
        try (JsonParser p = JsonSupport.parse(json)) {
            int depth = 0;
            JsonToken t = p.currentToken();
            do {
                switch (t) {
                    case START_OBJECT -> {
                        g.writeStartObject();
                        depth++;
                    }
                    case START_ARRAY -> {
                        g.writeStartArray();
                        depth++;
                    }
                    case END_OBJECT -> {
                        g.writeEndObject();
                        depth--;
                    }
                    case END_ARRAY -> {
                        g.writeEndArray();
                        depth--;
                    }
                    case PROPERTY_NAME -> g.writeName(p.currentName());
                    case VALUE_STRING -> g.writeString(p.getString());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getString());
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> throw new IllegalArgumentException("unexpected JSON token " + t);
                }
            } while (depth > 0 && (t = p.nextToken()) != null);
            JsonSupport.requireEnd(p);
        }
    }

    private static String date(LocalDate d) {
        String s = d.toString();
        // java.time marks years past 9999 with '+'; PostgreSQL just prints the digits.
        return s.charAt(0) == '+' ? s.substring(1) : s;
    }

    private static String time(LocalTime t, boolean fraction) {
        StringBuilder sb = new StringBuilder(15);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        int micros = t.getNano() / 1000;
        if (fraction && micros != 0) {
            sb.append('.').append(micros(micros));
        }
        return sb.toString();
    }

    /** Microseconds as PostgreSQL prints them: six digits with trailing zeros trimmed. */
    private static String micros(int micros) {
        String s = String.format("%06d", micros);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** {@code +00:00} in JSON (XSD style); {@code +00}, {@code +05:30} in PostgreSQL's ISO text. */
    private static String offset(ZoneOffset o, boolean alwaysMinutes) {
        int total = o.getTotalSeconds();
        int abs = Math.abs(total);
        StringBuilder sb = new StringBuilder(9).append(total < 0 ? '-' : '+');
        two(sb, abs / 3600);
        int min = abs / 60 % 60;
        int sec = abs % 60;
        if (sec != 0 || min != 0 || alwaysMinutes) {
            two(sb.append(':'), min);
        }
        if (sec != 0) {
            two(sb.append(':'), sec);
        }
        return sb.toString();
    }

    /** PostgreSQL's default ({@code postgres}) interval style: {@code 1 day 02:00:00}, {@code 3 days}, {@code 01:30:00}. */
    private static String interval(Duration d) {
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        StringBuilder sb = new StringBuilder();
        if (days != 0) {
            sb.append(days).append(days == 1 ? " day" : " days");
        }
        if (!rest.isZero() || days == 0) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            if (rest.isNegative()) {
                sb.append('-');
                rest = rest.negated();
            }
            two(sb, rest.toHours()).append(':');
            two(sb, rest.toMinutesPart()).append(':');
            two(sb, rest.toSecondsPart());
            int micros = rest.toNanosPart() / 1000;
            if (micros != 0) {
                sb.append('.').append(micros(micros));
            }
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, long n) {
        return (n < 10 ? sb.append('0') : sb).append(n);
    }
}
