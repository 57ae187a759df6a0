package datastore.infrastructure.engines.duckdb;

import datastore.infrastructure.engines.jdbc.JdbcRowCursor.ValueReader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads DuckDB's JDBC values as the plain Java values {@code RowCursor} promises, and names their types. */
final class DuckDbValues {
    private DuckDbValues() {}

    /**
     * A reader for a column whose CKAN type is known: numeric is stored as its exact text and read back
     * as a number with its scale.
     */
    static ValueReader reader(String duckType, @Nullable String typname) {
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
        return reader(duckType);
    }

    /** Stored numeric text as a number; NaN (which PostgreSQL's numeric allows) stays text. */
    private static Object numeric(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** A reader for a column of the given DuckDB type name (as ResultSetMetaData reports it). */
    static ValueReader reader(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return (rs, i) -> list(rs.getArray(i));
        }
        if (t.startsWith("DECIMAL")) {
            return (rs, i) -> decimal(rs.getBigDecimal(i));
        }
        return switch (t) {
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" ->
                (rs, i) -> {
                    Timestamp ts = rs.getTimestamp(i);
                    return ts == null ? null : ts.toLocalDateTime();
                };
            case "JSON" ->
                (rs, i) -> {
                    Object v = rs.getObject(i);
                    return v == null ? null : v.toString();
                };
            default -> (rs, i) -> plain(rs.getObject(i));
        };
    }

    private static @Nullable Object plain(@Nullable Object v) {
        if (v instanceof Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (v instanceof BigDecimal d) {
            return decimal(d);
        }
        if (v instanceof Array a) {
            try {
                return list(a);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        if (v != null && v.getClass().getName().equals("org.duckdb.JsonNode")) {
            return v.toString();
        }
        return v;
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

    /** Our DECIMAL(38,10) pads every value to ten decimals; give back the value as written. */
    private static @Nullable BigDecimal decimal(@Nullable BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** PostgreSQL's typname for a DuckDB result type, as datastore_search_sql reports it. */
    static String typname(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return "_" + typname(t.substring(0, t.length() - 2));
        }
        if (t.startsWith("DECIMAL") || t.equals("HUGEINT") || t.equals("UHUGEINT") || t.equals("UBIGINT")) {
            return "numeric";
        }
        return switch (t) {
            case "INTEGER", "UINTEGER", "USMALLINT" -> "int4";
            case "BIGINT" -> "int8";
            case "SMALLINT", "TINYINT", "UTINYINT" -> "int2";
            case "DOUBLE" -> "float8";
            case "FLOAT", "REAL" -> "float4";
            case "VARCHAR" -> "text";
            case "BOOLEAN" -> "bool";
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> "timestamp";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
            case "DATE" -> "date";
            case "TIME" -> "time";
            case "INTERVAL" -> "interval";
            case "UUID" -> "uuid";
            case "JSON" -> "json";
            default -> t.toLowerCase(Locale.ROOT);
        };
    }
}
