package datastore.services.write;

import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a record's JSON value into the canonical text every engine can cast to the column type, or
 * explains — in PostgreSQL's words, which CKAN passes on — why it cannot.
 */
final class ValueCoercer {
    /** A value that does not fit its column. */
    static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> TRUE = Set.of("t", "true", "y", "yes", "on", "1");
    private static final Set<String> FALSE = Set.of("f", "false", "n", "no", "off", "0");
    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SLASH_DATE = Pattern.compile(
            "^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?$");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "^\\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\\}?$");
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private ValueCoercer() {}

    /** Canonical text for {@code value} in a column of {@code type}; null stands for SQL NULL. */
    static @Nullable String coerce(@Nullable JsonNode value, FieldType type) throws Mismatch {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (type.array()) {
            return array(value, type);
        }
        BaseType base = type.base();
        if (base.isJson()) {
            return PythonJson.dumps(value);
        }
        if (base.isTextual()) {
            String text = value.isString()
                    ? value.asString()
                    : value.isValueNode() ? value.toString() : PythonJson.dumps(value);
            if (text.indexOf('\u0000') >= 0) {
                // PostgreSQL text cannot hold NUL; refusing it here keeps both engines storing the same values.
                throw new Mismatch("invalid byte sequence for encoding \"UTF8\": 0x00");
            }
            return text;
        }
        if (value.isString() && value.asString().isEmpty()) {
            // CKAN 2.11 writes "" into a non-text column as NULL.
            return null;
        }
        if (!value.isValueNode()) {
            throw new Mismatch(
                    "invalid input syntax for type " + pgName(base) + ": \"" + PythonJson.dumps(value) + "\"");
        }
        String text = value.isString() ? value.asString().strip() : value.toString();
        return scalar(value, text, base);
    }

    private static String scalar(JsonNode value, String text, BaseType base) throws Mismatch {
        try {
            return switch (base) {
                case INT2, INT4, INT8 -> integer(value, text, base);
                case FLOAT4, FLOAT8 -> floating(value, text, base);
                case NUMERIC -> value.isBoolean() ? fail(base, text) : new BigDecimal(text).toPlainString();
                case BOOL -> bool(value, text);
                case TIMESTAMP -> timestamp(text, false);
                case TIMESTAMPTZ -> timestamp(text, true);
                case DATE -> date(text);
                case TIME -> LocalTime.parse(text).toString();
                case UUID -> {
                    if (!UUID_TEXT.matcher(text).matches()) {
                        yield fail(base, text);
                    }
                    yield text.replaceAll("[{}]", "");
                }
                // The engine parses intervals; text no interval can hold (control characters, NUL) stops here.
                case INTERVAL -> text.chars().anyMatch(Character::isISOControl) ? fail(base, text) : text;
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return fail(base, text);
        }
    }

    private static String integer(JsonNode value, String text, BaseType base) throws Mismatch {
        if (value.isBoolean()) {
            throw new Mismatch("column is of type " + pgName(base) + " but expression is of type boolean");
        }
        BigDecimal d;
        if (value.isNumber()) {
            // A JSON float reaches PostgreSQL as a numeric literal, which an integer column rounds.
            d = value.decimalValue().setScale(0, java.math.RoundingMode.HALF_UP);
        } else {
            if (!text.matches("[+-]?\\d+")) {
                return fail(base, text);
            }
            d = new BigDecimal(text);
        }
        long max = base == BaseType.INT2 ? Short.MAX_VALUE : base == BaseType.INT4 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        long min = base == BaseType.INT2 ? Short.MIN_VALUE : base == BaseType.INT4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        if (d.compareTo(BigDecimal.valueOf(max)) > 0 || d.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new Mismatch(
                    base == BaseType.INT8
                            ? "bigint out of range"
                            : base == BaseType.INT2 ? "smallint out of range" : "integer out of range");
        }
        return d.toPlainString();
    }

    private static String floating(JsonNode value, String text, BaseType base) throws Mismatch {
        if (value.isBoolean()) {
            return fail(base, text);
        }
        String t = text.toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan":
                return "NaN";
            case "infinity", "+infinity", "inf", "+inf":
                return "Infinity";
            case "-infinity", "-inf":
                return "-Infinity";
            default:
                double d = Double.parseDouble(text);
                if (text.matches(".*[a-zA-Z&&[^eE]].*")) {
                    return fail(base, text);
                }
                return Double.toString(d);
        }
    }

    private static String bool(JsonNode value, String text) throws Mismatch {
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (TRUE.contains(t)) {
            return "true";
        }
        if (FALSE.contains(t)) {
            return "false";
        }
        throw new Mismatch("invalid input syntax for type boolean: \"" + text + "\"");
    }

    private static String timestamp(String text, boolean withZone) throws Mismatch {
        Optional<OffsetDateTime> parsed = parseDateTime(text);
        if (parsed.isEmpty()) {
            return fail(withZone ? BaseType.TIMESTAMPTZ : BaseType.TIMESTAMP, text);
        }
        OffsetDateTime t = parsed.get();
        if (withZone) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().format(ISO_SECONDS) + "+00:00";
        }
        // PostgreSQL's timestamp (without time zone) ignores a zone given in the input.
        return t.toLocalDateTime().format(ISO_SECONDS);
    }

    private static String date(String text) throws Mismatch {
        Optional<OffsetDateTime> parsed = parseDateTime(text);
        if (parsed.isEmpty()) {
            throw new Mismatch("invalid input syntax for type date: \"" + text + "\"");
        }
        return parsed.get().toLocalDate().toString();
    }

    /**
     * The date/time forms PostgreSQL accepts that CKAN users send: ISO (T or space) and MDY with
     * slashes (PostgreSQL's default DateStyle), each with an optional time. Empty when the text has
     * another shape; a Mismatch in PostgreSQL's words when the shape is right but a field is out of range.
     */
    static Optional<OffsetDateTime> parseDateTime(String text) throws Mismatch {
        String t = text.strip();
        Matcher m = DATE_TIME.matcher(t);
        Matcher s = SLASH_DATE.matcher(t);
        try {
            if (m.matches()) {
                LocalDate date = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return Optional.of(OffsetDateTime.of(
                        LocalDateTime.of(date, time(m.group(4), m.group(5), m.group(6), m.group(7))),
                        zone(m.group(8))));
            }
            if (s.matches()) {
                LocalDate date = LocalDate.of(
                        Integer.parseInt(s.group(3)), Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2)));
                return Optional.of(OffsetDateTime.of(
                        LocalDateTime.of(date, time(s.group(4), s.group(5), s.group(6), s.group(7))), ZoneOffset.UTC));
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new Mismatch("date/time field value out of range: \"" + text + "\"");
        }
        return Optional.empty();
    }

    private static LocalTime time(String hour, String minute, String second, String fraction) {
        if (hour == null) {
            return LocalTime.MIDNIGHT;
        }
        int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
        return LocalTime.of(
                Integer.parseInt(hour), Integer.parseInt(minute), second == null ? 0 : Integer.parseInt(second), nanos);
    }

    private static ZoneOffset zone(String z) {
        if (z == null || z.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        return ZoneOffset.of(
                z.length() == 3 ? z + ":00" : z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
    }

    private static String array(JsonNode value, FieldType type) throws Mismatch {
        if (!value.isArray()) {
            throw new Mismatch(
                    "malformed array literal: \"" + (value.isString() ? value.asString() : value.toString()) + "\"");
        }
        FieldType element = type.element();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < value.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            JsonNode item = value.get(i);
            if (item.isContainer() && !element.base().isJson()) {
                // A list or dict inside a text or number array has no element value it could be.
                throw new Mismatch("malformed array literal: \"" + value + "\"");
            }
            String text = coerce(item, element);
            if (text == null) {
                sb.append("null");
            } else if ((element.base().isNumber() && element.base() != BaseType.NUMERIC)
                    || element.base() == BaseType.BOOL) {
                sb.append(text);
            } else if (element.base().isJson()) {
                sb.append(PythonJson.dumps(item));
            } else {
                sb.append(jsonString(text));
            }
        }
        return sb.append(']').toString();
    }

    private static String jsonString(String s) {
        return tools.jackson.databind.node.JsonNodeFactory.instance
                .stringNode(s)
                .toString();
    }

    private static String fail(BaseType base, String text) throws Mismatch {
        throw new Mismatch("invalid input syntax for type " + pgName(base) + ": \"" + text + "\"");
    }

    /** PostgreSQL's name for a type in its error messages: format_type's, with the time types shortened. */
    static String pgName(BaseType base) {
        return switch (base) {
            case TIMESTAMP -> "timestamp";
            case TIME -> "time";
            default -> base.formatType();
        };
    }
}
