package datastore.infrastructure.engines.jdbc;

import datastore.infrastructure.engines.sql.PreparedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Cancels statements that run past their time limit, on the engine itself ({@link Statement#cancel}:
 * pgjdbc sends PostgreSQL a cancel request, DuckDB interrupts the query), whatever the engine is doing.
 */
public final class StatementTimer implements AutoCloseable {
    private final ScheduledExecutorService timer;

    public StatementTimer(String name) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code setup}, then a cancel of the statement once {@code timeout} has passed; none when null. */
    public JdbcRowCursor.Setup around(JdbcRowCursor.Setup setup, @Nullable Duration timeout) {
        if (timeout == null) {
            return setup;
        }
        return (c, p) -> {
            Runnable undo = setup.prepare(c, p);
            ScheduledFuture<?> cancel = cancelAfter(p, timeout);
            return () -> {
                cancel.cancel(false);
                undo.run();
            };
        };
    }

    /** Runs a one-value query, cancelled once {@code timeout} (null: none) has passed. */
    public long queryLong(Connection c, PreparedQuery q, @Nullable Duration timeout) throws SQLException {
        try (PreparedStatement p = Jdbc.prepare(c, q)) {
            ScheduledFuture<?> cancel = timeout == null ? null : cancelAfter(p, timeout);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } finally {
                if (cancel != null) {
                    cancel.cancel(false);
                }
            }
        }
    }

    /** Cancels {@code statement} after {@code timeout}, unless the returned future is cancelled first. */
    public ScheduledFuture<?> cancelAfter(Statement statement, Duration timeout) {
        return timer.schedule(
                () -> {
                    try {
                        statement.cancel();
                    } catch (SQLException ignored) {
                        // The statement already finished or was closed; nothing is left to cancel.
                    }
                },
                Math.max(1, timeout.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
