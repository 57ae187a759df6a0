package datastore.infrastructure.engines.postgres;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** PostgreSQL errors in CKAN's words, keyed by SQLSTATE rather than message text. */
final class PostgresErrors {
    static final String UNIQUE_VIOLATION = JdbcErrors.UNIQUE_VIOLATION;
    static final String QUERY_CANCELED = "57014";
    static final String PERMISSION_DENIED = "42501";
    static final String DUPLICATE_TABLE = "42P07";
    static final String UNDEFINED_TABLE = "42P01";
    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

    private PostgresErrors() {}

    /** The server's own message (as psycopg2 shows it, without "ERROR:" or the position). */
    static String message(SQLException e) {
        ServerErrorMessage server = server(e);
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
            return JdbcErrors.searchTimeout();
        }
        return JdbcErrors.invalidQuery(message(e), e);
    }

    /** A failed datastore_search_sql: the database's message, 403 for permissions, as CKAN does. */
    static ApiException sql(SQLException e) {
        if (is(e, QUERY_CANCELED)) {
            return JdbcErrors.sqlTimeout();
        }
        if (is(e, PERMISSION_DENIED)) {
            return ApiException.notAuthorized("Not authorized to read resource.");
        }
        return JdbcErrors.invalidSql(message(e), e);
    }

    /**
     * A failed write of a batch into {@code table} (null when it is not known yet): 409 {"records":
     * [message], "records_row": n}. COPY names the line it stopped at, which is the row; otherwise the
     * batch's last row stands in, as in CKAN's executemany.
     */
    static ApiException records(SQLException e, @Nullable PostgresTable table, @Nullable RowBatch batch) {
        if (is(e, QUERY_CANCELED)) {
            return JdbcErrors.sqlTimeout();
        }
        int row = batch == null ? 0 : batch.firstRow() + Math.max(0, batch.size() - 1);
        ServerErrorMessage server = server(e);
        if (server != null && server.getWhere() != null && batch != null) {
            Matcher m = COPY_LINE.matcher(server.getWhere());
            if (m.find()) {
                row = batch.firstRow() + Integer.parseInt(m.group(1)) - 1;
            }
        }
        String message = message(e);
        List<String> key = is(e, UNIQUE_VIOLATION) ? keyColumns(server, table) : List.of();
        if (!key.isEmpty()) {
            message = JdbcErrors.duplicateKey(key, keyValues(server, " already exists."));
        }
        return JdbcErrors.records(message, row, e);
    }

    /** A unique index over {@code columns} that the existing rows break: CKAN's "constraints" error. */
    static ApiException constraints(SQLException e, List<String> columns) {
        return JdbcErrors.uniqueness(JdbcErrors.duplicatedKey(columns, keyValues(server(e), " is duplicated.")), e);
    }

    /**
     * The user columns of the unique index a violation names. CKAN names its indexes by a hash, which
     * tells a client nothing; empty when the index is not one of the table's keys.
     */
    private static List<String> keyColumns(@Nullable ServerErrorMessage server, @Nullable PostgresTable table) {
        if (server == null || server.getConstraint() == null || table == null) {
            return List.of();
        }
        return table.indexes().stream()
                .filter(ix -> ix.name().equals(server.getConstraint()))
                .findFirst()
                .map(PostgresTable.Index::columns)
                .orElse(List.of());
    }

    /** The values of PostgreSQL's detail {@code Key (id, b)=(1, x) already exists.}; null without one. */
    private static @Nullable String keyValues(@Nullable ServerErrorMessage server, String ending) {
        String detail = server == null ? null : server.getDetail();
        if (detail == null || !detail.startsWith("Key (") || !detail.endsWith(")" + ending)) {
            return null;
        }
        int values = detail.indexOf(")=(");
        int end = detail.length() - ending.length() - 1;
        return values < 0 || values + 3 > end ? null : detail.substring(values + 3, end);
    }

    private static @Nullable ServerErrorMessage server(SQLException e) {
        return e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    }
}
