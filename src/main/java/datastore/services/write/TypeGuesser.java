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
        if (v == null || v.isNull()) {
            return FieldType.TEXT;
        }
        if (v.isObject() || v.isArray()) {
            return FieldType.JSON;
        }
        if (v.isIntegralNumber() || v.isBoolean()) {
            return FieldType.INT4;
        }
        if (v.isNumber()) {
            return FieldType.FLOAT8;
        }
        String s = v.asString();
        if (s.strip().matches("[+-]?\\d+")) {
            return FieldType.INT4;
        }
        if (s.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return FieldType.NUMERIC;
        }
        if (isDate(s)) {
            return FieldType.TIMESTAMP;
        }
        return FieldType.TEXT;
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
