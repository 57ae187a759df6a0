package datastore.infrastructure.engines.trino;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a write statement, again when Iceberg's optimistic commit lost to a concurrent one ("Found
 * conflicting files"): each statement is one atomic commit, so a lost one changed nothing.
 */
final class TrinoRetry {
    private final int attempts;
    private final long firstBackoffMillis;

    TrinoRetry(int attempts, long firstBackoffMillis) {
        this.attempts = attempts;
        this.firstBackoffMillis = firstBackoffMillis;
    }

    /** Executes {@code sql}; returns its update count. */
    long execute(Connection c, String sql) throws SQLException {
        long backoff = firstBackoffMillis;
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                return s.executeLargeUpdate(sql);
            } catch (SQLException e) {
                if (attempt >= attempts || !TrinoErrors.isCommitConflict(e)) {
                    throw e;
                }
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while retrying a conflicting commit", e);
        }
    }
}
