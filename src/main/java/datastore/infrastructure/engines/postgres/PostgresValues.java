package datastore.infrastructure.engines.postgres;

import datastore.infrastructure.engines.jdbc.JdbcRowCursor.ValueReader;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGobject;

/**
 * Reads pgjdbc's values as the plain Java values {@code RowCursor} promises (java.time, BigDecimal,
 * boxed numbers, String JSON text, List for arrays), and names result types as CKAN reports them.
 */
final class PostgresValues {
    private PostgresValues() {}

    /** The typname CKAN reports: the json wrapper type {@code nested} is {@code json}; serials are integers. */
    static String typname(String postgresType) {
        String t = bare(postgresType);
        return switch (t) {
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            case "smallserial" -> "int2";
            case "nested" -> "json";
            case "_nested" -> "_json";
            default -> t;
        };
    }

    /** A reader for a result column of the given type (as ResultSetMetaData names it). */
    static ValueReader reader(String postgresType) {
        String t = bare(postgresType);
        if (t.startsWith("_")) {
            String element = t.substring(1);
            return (rs, i) -> list(rs.getArray(i), element);
        }
        return switch (t) {
            case "int2",
                    "int4",
                    "serial",
                    "smallserial",
                    "int8",
                    "bigserial",
                    "float4",
                    "float8",
                    "numeric",
                    "bool",
                    "uuid",
                    "oid" -> (rs, i) -> rs.getObject(i);
            case "timestamp" -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case "timestamptz" -> (rs, i) -> rs.getObject(i, OffsetDateTime.class);
            case "date" -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case "time" -> (rs, i) -> rs.getObject(i, LocalTime.class);
            case "nested" -> (rs, i) -> nestedJson(rs.getString(i));
            default -> (rs, i) -> rs.getString(i);
        };
    }

    private static String bare(@Nullable String postgresType) {
        String t = postgresType == null ? "" : postgresType;
        int dot = t.lastIndexOf('.');
        if (dot >= 0) {
            t = t.substring(dot + 1);
        }
        return t.replace("\"", "").toLowerCase(Locale.ROOT);
    }

    private static @Nullable List<@Nullable Object> list(@Nullable Array array, String element) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            return items((@Nullable Object[]) array.getArray(), element);
        } finally {
            array.free();
        }
    }

    private static List<@Nullable Object> items(@Nullable Object[] items, String element) {
        List<@Nullable Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(item instanceof Object[] inner ? items(inner, element) : element(item, element));
        }
        return out;
    }

    private static @Nullable Object element(@Nullable Object v, String element) {
        return switch (v) {
            case null -> null;
            case Timestamp ts ->
                element.equals("timestamptz") ? ts.toInstant().atOffset(ZoneOffset.UTC) : ts.toLocalDateTime();
            case Date d -> d.toLocalDate();
            case Time t -> t.toLocalTime();
            case PGobject o -> element.equals("nested") ? nestedJson(o.getValue()) : o.getValue();
            default -> v;
        };
    }

    /**
     * The json field of CKAN's composite {@code nested(json, extra)} from its text form, e.g. {@code
     * ("{""a"": 1}","")}; null for NULL.
     */
    static @Nullable String nestedJson(@Nullable String composite) {
        if (composite == null || composite.length() < 2 || composite.charAt(0) != '(') {
            return composite;
        }
        int i = 1;
        if (composite.charAt(i) != '"') {
            int end = i;
            while (end < composite.length() && composite.charAt(end) != ',' && composite.charAt(end) != ')') {
                end++;
            }
            return end == i ? null : composite.substring(i, end);
        }
        StringBuilder sb = new StringBuilder();
        for (i = 2; i < composite.length(); i++) {
            char ch = composite.charAt(i);
            if (ch == '\\' && i + 1 < composite.length()) {
                sb.append(composite.charAt(++i));
            } else if (ch == '"') {
                if (i + 1 < composite.length() && composite.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
