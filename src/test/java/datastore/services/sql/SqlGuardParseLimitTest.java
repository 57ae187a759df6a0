package datastore.services.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A parse that runs past its deadline is stopped, not merely abandoned: its thread stops burning CPU. */
class SqlGuardParseLimitTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A few hundred characters on which JSqlParser's lookahead backtracks for far longer than a second. */
    private static final String PATHOLOGICAL =
            "SELECT " + "CASE WHEN (a=1 AND (".repeat(10) + "1=1" + ")) THEN 1 END = 1".repeat(10);

    @Test
    void aParsePastItsDeadlineIsRefusedAndStopsUsingCpu() throws InterruptedException {
        SqlGuard guard = new SqlGuard(Set.of("upper"), 1, Duration.ofMillis(500));
        long start = System.nanoTime();
        assertThatThrownBy(() -> guard.check(PATHOLOGICAL, Optional::of))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getMessage()).contains("too complex"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // Give the abandoned parse a moment to notice, then measure.
        Thread.sleep(500);
        long before = parserCpuNanos();
        Thread.sleep(2000);
        long used = parserCpuNanos() - before;
        assertThat(Duration.ofNanos(used)).isLessThan(Duration.ofMillis(200));
        // The single parser thread is free again for the next query.
        assertThat(guard.check("SELECT 1 AS one", Optional::of).sql()).isEqualTo("SELECT 1 AS one");
    }

    private static long parserCpuNanos() {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sql-guard-parser")) {
                total += Math.max(0, THREADS.getThreadCpuTime(t.threadId()));
            }
        }
        return total;
    }
}
