package datastore.services.write;

import datastore.schemas.types.FieldType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** CKAN's {@code _guess_type}: a column type from the first record's value. */
final class TypeGuesser {
    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'"));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            DateTimeFormatter.ofPattern("dd/MM/uuuu"),
            DateTimeFormatter.ofPattern("MM/dd/uuuu"),
            DateTimeFormatter.ofPattern("dd-MM-uuuu"),
            DateTimeFormatter.ofPattern("MM-dd-uuuu"));

    private TypeGuesser() {}

    static FieldType guess(JsonNode v) {
        return switch (guessName(v)) {
            case "nested" -> FieldType.JSON;
            case "int", "integer" -> FieldType.INT4;
            case "float" -> FieldType.FLOAT8;
            case "numeric" -> FieldType.NUMERIC;
            case "timestamp" -> FieldType.TIMESTAMP;
            default -> FieldType.TEXT;
        };
    }

    /** The name CKAN's _guess_type gives, which datastore_create echoes for a field declared without type. */
    static String guessName(JsonNode v) {
        if (v == null || v.isNull()) {
            return "text";
        }
        if (v.isObject() || v.isArray()) {
            return "nested";
        }
        if (v.isIntegralNumber() || v.isBoolean()) {
            return "int";
        }
        if (v.isNumber()) {
            return "float";
        }
        String s = v.asString();
        if (s.strip().matches("[+-]?\\d+")) {
            return "integer";
        }
        if (s.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return "numeric";
        }
        if (isDate(s)) {
            return "timestamp";
        }
        return "text";
    }

    private static boolean isDate(String s) {
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                LocalDateTime.parse(s, f);
                return true;
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                LocalDate.parse(s, f);
                return true;
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return false;
    }
}
