package datastore.infrastructure.engines.trino;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iceberg upkeep on a schedule: every write adds files and a snapshot, so each round compacts every
 * datastore table's small files ({@code optimize}) and drops snapshots older than the retention
 * ({@code expire_snapshots}), each table under its write lock so no write of this instance races it.
 */
final class TrinoMaintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoMaintenance.class);

    private final TrinoEngine engine;
    private final String retention;
    private final @Nullable ScheduledExecutorService timer;

    /** Schedules rounds every {@code interval}; a zero interval schedules none ({@link #runOnce} still works). */
    TrinoMaintenance(TrinoEngine engine, Duration interval, String retention) {
        this.engine = engine;
        this.retention = retention;
        if (interval.isZero()) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trino-maintenance");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("Iceberg maintenance round failed: {}", e.getMessage());
        }
    }

    /** One round over every table; returns the ids of the tables maintained. */
    List<String> runOnce() {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, TrinoCatalog.Entry> e :
                Map.copyOf(engine.entries()).entrySet()) {
            TrinoCatalog.Entry entry = e.getValue();
            entry.lock.lock();
            try (Connection c = engine.connections().open();
                    Statement s = c.createStatement()) {
                String table = engine.dialect().table(e.getKey());
                s.execute("ALTER TABLE " + table + " EXECUTE optimize");
                s.execute("ALTER TABLE " + table + " EXECUTE expire_snapshots(retention_threshold => '" + retention
                        + "')");
                done.add(e.getKey());
            } catch (SQLException ex) {
                // One table's failure (dropped meanwhile, a conflicting commit) must not stop the round.
                LOG.warn("Iceberg maintenance of {} failed: {}", e.getKey(), TrinoErrors.message(ex));
            } finally {
                entry.lock.unlock();
            }
        }
        return done;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
