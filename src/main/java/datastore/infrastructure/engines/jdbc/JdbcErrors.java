package datastore.infrastructure.engines.jdbc;

import datastore.core.errors.ApiException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CKAN-shaped {@link ApiException}s every engine reports, built once so that both engines word the
 * same failure the same way; each engine's error class only says what its database's failure means.
 */
public final class JdbcErrors {
    /** PostgreSQL's SQLSTATE for a unique violation, which CKAN reports as {@code pgcode}. */
    public static final String UNIQUE_VIOLATION = "23505";

    private JdbcErrors() {}

    /** The first line of a database message (drivers append positions and hints on later lines). */
    public static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl >= 0 ? m.substring(0, nl) : m).trim();
    }

    /** A failed search, count or delete: CKAN's 409 {"query": ["Invalid query"], "info": {"orig": [orig]}}. */
    public static ApiException invalidQuery(String orig, @Nullable Throwable cause) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("orig", List.of(orig));
        return ApiException.validation(Map.of("query", List.of("Invalid query")), Map.of("info", info), cause);
    }

    /** A search that ran past its statement timeout, in CKAN's words. */
    public static ApiException searchTimeout() {
        return ApiException.validation("query", "Search took too long");
    }

    /** A datastore_search_sql (or a write) that ran past its statement timeout, in CKAN's words. */
    public static ApiException sqlTimeout() {
        return ApiException.validation("query", "Query took too long");
    }

    /** A failed datastore_search_sql: CKAN's 409 {"query": [orig], "info": {"orig": [orig]}}. */
    public static ApiException invalidSql(String orig, @Nullable Throwable cause) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("orig", List.of(orig));
        return ApiException.validation(Map.of("query", List.of(orig)), Map.of("info", info), cause);
    }

    /** A failed write of records: 409 {"records": [message], "records_row": row}. */
    public static ApiException records(String message, int row, @Nullable Throwable cause) {
        return ApiException.validation(Map.of("records", List.of(message)), Map.of("records_row", row), cause);
    }

    /** An update whose key matches no row: CKAN's 409 {"key": ["key \"{'id': '5'}\" not found"]}. */
    public static ApiException keyNotFound(Map<String, String> key, int row) {
        List<String> parts = new ArrayList<>();
        key.forEach((k, v) -> parts.add("'" + k + "': " + (v == null ? "None" : "'" + v + "'")));
        String dict = "{" + String.join(", ", parts) + "}";
        return ApiException.validation(
                Map.of("key", List.of("key \"" + dict + "\" not found")), Map.of("records_row", row), null);
    }

    /**
     * A primary key that the existing rows break: CKAN's "constraints" error, {@code orig} being the
     * database's reason (see {@link #duplicatedKey}).
     */
    public static ApiException uniqueness(String orig, @Nullable Throwable cause) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("orig", orig);
        info.put("pgcode", UNIQUE_VIOLATION);
        return ApiException.validation(
                // CKAN's own message, missing space included, so clients matching it keep working.
                Map.of("constraints", List.of("Cannot insert records or create indexbecause of uniqueness constraint")),
                Map.of("info", info),
                cause);
    }

    /**
     * A write that repeats a key: PostgreSQL's message with its detail, naming the key columns where
     * PostgreSQL names the index (a hash in CKAN's layout, which tells the caller nothing), e.g.
     * {@code duplicate key value violates unique constraint: Key (id)=(1) already exists.}
     *
     * @param values the key's values as PostgreSQL's detail lists them ({@code 1, x}), or null if unknown
     */
    public static String duplicateKey(List<String> columns, @Nullable String values) {
        return "duplicate key value violates unique constraint: " + key(columns, values) + " already exists.";
    }

    /** Why a unique index cannot be built over existing rows, e.g. {@code … Key (id)=(1) is duplicated.} */
    public static String duplicatedKey(List<String> columns, @Nullable String values) {
        return "could not create unique index: " + key(columns, values) + " is duplicated.";
    }

    private static String key(List<String> columns, @Nullable String values) {
        return "Key (" + String.join(", ", columns) + ")" + (values == null ? "" : "=(" + values + ")");
    }
}
