package datastore.infrastructure.engines.jdbc;

import datastore.core.errors.ApiException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Wraps {@link SQLException}s into CKAN-shaped {@link ApiException}s at the engine boundary. */
public final class JdbcErrors {
    private JdbcErrors() {}

    /** The first line of a database message, without the engine's "X Error:" prefix noise kept. */
    public static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).trim();
    }

    /** A failed read query: CKAN's 409 {"query": ["Invalid query"], "info": {"orig": …}}. */
    public static ApiException query(SQLException e) {
        if (isTimeout(e)) {
            return ApiException.validation("query", "Search took too long");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("orig", List.of(firstLine(e)));
        return ApiException.validation(Map.of("query", List.of("Invalid query")), Map.of("info", info), e);
    }

    /** A failed datastore_search_sql: the database's own message, as CKAN reports it. */
    public static ApiException sql(SQLException e) {
        if (isTimeout(e)) {
            return ApiException.validation("query", "Query took too long");
        }
        return ApiException.validation(Map.of("query", List.of(firstLine(e))), Map.of(), e);
    }

    /** A failed write of records: 409 {"records": [message], "records_row": row}. */
    public static ApiException records(String message, int row, Throwable cause) {
        return ApiException.validation(Map.of("records", List.of(message)), Map.of("records_row", row), cause);
    }

    /** An update whose key matches no row: CKAN's 409 {"key": ["key \"{'id': '5'}\" not found"]}. */
    public static ApiException keyNotFound(Map<String, String> key, int row) {
        List<String> parts = new java.util.ArrayList<>();
        key.forEach((k, v) -> parts.add("'" + k + "': " + (v == null ? "None" : "'" + v + "'")));
        String dict = "{" + String.join(", ", parts) + "}";
        return ApiException.validation(
                Map.of("key", List.of("key \"" + dict + "\" not found")), Map.of("records_row", row), null);
    }

    public static boolean isTimeout(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("interrupt") || m.contains("canceling statement") || m.contains("statement timeout");
    }
}
