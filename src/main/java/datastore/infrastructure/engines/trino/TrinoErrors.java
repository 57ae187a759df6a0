package datastore.infrastructure.engines.trino;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Trino's failures mean, in the CKAN words the other engines use. */
final class TrinoErrors {
    /** The driver's prefix before Trino's own message. */
    private static final Pattern PREFIX = Pattern.compile("^Query failed \\([^)]*\\):\\s*");

    private static final Pattern CAST = Pattern.compile("^Cannot cast '(.*)' to ([A-Za-z() ]+?)(\\(\\d+\\))?$");
    private static final Pattern VALUE_CAST =
            Pattern.compile("^Value cannot be cast to ([a-z ]+?)(\\(\\d+\\))?: (.*)$");

    private TrinoErrors() {}

    /** Trino's message without the driver's query-id prefix. */
    static String message(SQLException e) {
        return PREFIX.matcher(JdbcErrors.firstLine(e)).replaceFirst("");
    }

    /** Whether the failure is Iceberg's optimistic commit losing to a concurrent one (worth a retry). */
    static boolean isCommitConflict(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Found conflicting files")
                || m.contains("CommitFailedException")
                || m.contains("Failed to commit")
                || m.contains("Cannot commit")
                || m.contains("metadata location");
    }

    static boolean isTimeout(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("EXCEEDED_TIME_LIMIT") || m.contains("Query exceeded maximum time limit");
    }

    /** A failed search, count or delete. */
    static ApiException query(SQLException e) {
        if (isTimeout(e)) {
            return JdbcErrors.searchTimeout();
        }
        return JdbcErrors.invalidQuery(postgresWords(message(e)), e);
    }

    /** A failed datastore_search_sql. */
    static ApiException sql(SQLException e) {
        if (isTimeout(e)) {
            return JdbcErrors.sqlTimeout();
        }
        return JdbcErrors.invalidSql(message(e), e);
    }

    /** A failed write of records starting at request row {@code row}. */
    static ApiException records(SQLException e, int row) {
        if (isTimeout(e)) {
            return JdbcErrors.sqlTimeout();
        }
        return JdbcErrors.records(postgresWords(message(e)), row, e);
    }

    /** Trino's cast failures as PostgreSQL words them, which CKAN clients know. */
    static String postgresWords(String message) {
        Matcher m = CAST.matcher(message);
        if (m.matches()) {
            return "invalid input syntax for type " + pgType(m.group(2)) + ": \"" + m.group(1) + "\"";
        }
        m = VALUE_CAST.matcher(message);
        if (m.matches()) {
            return "invalid input syntax for type " + pgType(m.group(1)) + ": \"" + m.group(3) + "\"";
        }
        return message;
    }

    private static String pgType(String trinoType) {
        return switch (trinoType.trim().toLowerCase(Locale.ROOT)) {
            case "int", "integer" -> "integer";
            case "bigint" -> "bigint";
            case "smallint" -> "smallint";
            case "double" -> "double precision";
            case "real" -> "real";
            case "boolean" -> "boolean";
            case "date" -> "date";
            case "timestamp" -> "timestamp";
            case "timestamp with time zone" -> "timestamp with time zone";
            case "time" -> "time";
            case "uuid" -> "uuid";
            default -> trinoType.toLowerCase(Locale.ROOT);
        };
    }
}
