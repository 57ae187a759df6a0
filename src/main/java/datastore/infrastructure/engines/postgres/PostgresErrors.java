package datastore.infrastructure.engines.postgres;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** PostgreSQL errors in CKAN's words, keyed by SQLSTATE rather than message text. */
final class PostgresErrors {
    static final String UNIQUE_VIOLATION = "23505";
    static final String QUERY_CANCELED = "57014";
    static final String PERMISSION_DENIED = "42501";
    static final String DUPLICATE_TABLE = "42P07";
    static final String UNDEFINED_TABLE = "42P01";
    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

    private PostgresErrors() {}

    /** The server's own message (as psycopg2 shows it, without "ERROR:" or the position). */
    static String message(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null && server.getMessage() != null) {
            return server.getMessage();
        }
        return JdbcErrors.firstLine(e).replaceFirst("^ERROR: ", "");
    }

    static boolean is(SQLException e, String sqlState) {
        return sqlState.equals(e.getSQLState());
    }

    /** A failed search, count or delete: 409 {"query": ["Invalid query"]}, or CKAN's timeout message. */
    static ApiException query(SQLException e) {
        if (is(e, QUERY_CANCELED)) {
            return ApiException.validation("query", "Search took too long");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("orig", List.of(message(e)));
        return ApiException.validation(Map.of("query", List.of("Invalid query")), Map.of("info", info), e);
    }

    /** A failed datastore_search_sql: the database's message, 403 for permissions, as CKAN does. */
    static ApiException sql(SQLException e) {
        if (is(e, QUERY_CANCELED)) {
            return ApiException.validation("query", "Query took too long");
        }
        if (is(e, PERMISSION_DENIED)) {
            return ApiException.notAuthorized("Not authorized to read resource.");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("orig", List.of(message(e)));
        return ApiException.validation(Map.of("query", List.of(message(e))), Map.of("info", info), e);
    }

    /**
     * A failed write of a batch: 409 {"records": [message], "records_row": n}. COPY names the line it
     * stopped at, which is the row; otherwise the batch's last row stands in, as in CKAN's executemany.
     */
    static ApiException records(SQLException e, RowBatch batch) {
        if (is(e, QUERY_CANCELED)) {
            return ApiException.validation("query", "Query took too long");
        }
        int row = batch.firstRow() + Math.max(0, batch.size() - 1);
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null && server.getWhere() != null) {
            Matcher m = COPY_LINE.matcher(server.getWhere());
            if (m.find()) {
                row = batch.firstRow() + Integer.parseInt(m.group(1)) - 1;
            }
        }
        return JdbcErrors.records(message(e), row, e);
    }

    /** A unique index that the existing rows break: CKAN's "constraints" error. */
    static ApiException constraints(SQLException e) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("orig", message(e));
        info.put("pgcode", e.getSQLState());
        return ApiException.validation(
                Map.of(
                        "constraints",
                        // CKAN's own message, missing space included.
                        List.of("Cannot insert records or create indexbecause of uniqueness constraint")),
                Map.of("info", info),
                e);
    }
}
