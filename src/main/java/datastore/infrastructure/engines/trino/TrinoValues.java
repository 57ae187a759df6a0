package datastore.infrastructure.engines.trino;

import datastore.infrastructure.engines.jdbc.JdbcRowCursor.ValueReader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Reads Trino's JDBC values as the plain Java values {@code RowCursor} promises, and names their types. */
final class TrinoValues {
    private TrinoValues() {}

    /**
     * A reader for a column whose CKAN type may be known: numeric is stored as its exact text and read
     * back as a number with its scale; json and interval are stored text.
     */
    static ValueReader reader(String trinoType, @Nullable String typname) {
        if ("numeric".equals(typname)) {
            return (rs, i) -> {
                String v = rs.getString(i);
                return v == null ? null : numeric(v);
            };
        }
        if ("_numeric".equals(typname)) {
            return (rs, i) -> {
                Array a = rs.getArray(i);
                if (a == null) {
                    return null;
                }
                List<@Nullable Object> out = new ArrayList<>();
                for (Object item : (@Nullable Object[]) a.getArray()) {
                    out.add(item == null ? null : numeric(item.toString()));
                }
                return out;
            };
        }
        return reader(trinoType);
    }

    /** Stored numeric text as a number; NaN (which PostgreSQL's numeric allows) stays text. */
    private static Object numeric(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** A reader for a column of the given Trino type name (as ResultSetMetaData reports it). */
    static ValueReader reader(String trinoType) {
        String t = trinoType.toLowerCase(Locale.ROOT);
        if (t.startsWith("array")) {
            return (rs, i) -> list(rs.getArray(i));
        }
        if (t.startsWith("decimal")) {
            return (rs, i) -> decimal(rs.getBigDecimal(i));
        }
        if (t.startsWith("timestamp") && t.endsWith("with time zone")) {
            return (rs, i) -> plain(rs.getObject(i));
        }
        if (t.startsWith("timestamp")) {
            return (rs, i) -> {
                Timestamp ts = rs.getTimestamp(i);
                return ts == null ? null : ts.toLocalDateTime();
            };
        }
        if (t.startsWith("time")) {
            return (rs, i) -> {
                Object v = rs.getObject(i);
                return v == null ? null : plain(v);
            };
        }
        if (t.equals("json") || t.startsWith("row") || t.startsWith("map")) {
            return TrinoValues::text;
        }
        return (rs, i) -> plain(rs.getObject(i));
    }

    private static @Nullable Object text(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        return v == null ? null : v.toString();
    }

    private static @Nullable Object plain(@Nullable Object v) {
        return switch (v) {
            case null -> null;
            case Timestamp ts -> ts.toLocalDateTime();
            case Time time -> time.toLocalTime();
            case java.sql.Date d -> d.toLocalDate();
            case ZonedDateTime z -> z.toOffsetDateTime();
            case OffsetDateTime o -> o;
            case BigDecimal d -> decimal(d);
            case Array a -> {
                try {
                    yield list(a);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case UUID u -> u;
            case Object[] items -> {
                List<@Nullable Object> out = new ArrayList<>(items.length);
                for (Object item : items) {
                    out.add(plain(item));
                }
                yield out;
            }
            case List<?> items -> {
                List<@Nullable Object> out = new ArrayList<>(items.size());
                for (Object item : items) {
                    out.add(plain(item));
                }
                yield out;
            }
            default -> v.toString();
        };
    }

    private static @Nullable List<@Nullable Object> list(@Nullable Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        @Nullable Object[] items = (@Nullable Object[]) array.getArray();
        List<@Nullable Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(plain(item));
        }
        return out;
    }

    private static @Nullable BigDecimal decimal(@Nullable BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** PostgreSQL's typname for a Trino result type, as datastore_search_sql reports it. */
    static String typname(String trinoType) {
        String t = trinoType.toLowerCase(Locale.ROOT);
        if (t.startsWith("array(") && t.endsWith(")")) {
            return "_" + typname(t.substring("array(".length(), t.length() - 1));
        }
        if (t.startsWith("decimal")) {
            return "numeric";
        }
        if (t.startsWith("varchar") || t.startsWith("char")) {
            return "text";
        }
        if (t.startsWith("timestamp")) {
            return t.endsWith("with time zone") ? "timestamptz" : "timestamp";
        }
        if (t.startsWith("time")) {
            return "time";
        }
        return switch (t) {
            case "integer" -> "int4";
            case "bigint" -> "int8";
            case "smallint", "tinyint" -> "int2";
            case "double" -> "float8";
            case "real" -> "float4";
            case "boolean" -> "bool";
            case "date" -> "date";
            case "uuid" -> "uuid";
            case "json" -> "json";
            default -> t;
        };
    }

    /** The text of a stored value, as the full-text analyzer reads it (arrays and json as JSON text). */
    static String textExpression(String quotedColumn, String trinoType) {
        return trinoType.startsWith("array")
                ? "json_format(CAST(" + quotedColumn + " AS json))"
                : "CAST(" + quotedColumn + " AS varchar)";
    }
}
