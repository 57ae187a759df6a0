package datastore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load generator: {@code threads} workers run an operation back to back for a warm-up and
 * then a measured period, each recording latencies (µs) in its own HdrHistogram; the histograms are
 * merged at the end.
 */
final class Load {
    /** One worker's operation; created per thread so it can hold its own connection. */
    interface Op extends AutoCloseable {
        void run(java.util.SplittableRandom random) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    interface OpFactory {
        Op create() throws Exception;
    }

    record Result(long requests, long errors, double seconds, Histogram histogram) {
        double perSecond() {
            return requests / seconds;
        }

        double p50Ms() {
            return histogram.getValueAtPercentile(50) / 1000.0;
        }

        double p99Ms() {
            return histogram.getValueAtPercentile(99) / 1000.0;
        }

        @Override
        public String toString() {
            return String.format(
                    "%d requests (%d errors) in %.1f s: %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms",
                    requests, errors, seconds, perSecond(), p50Ms(), p99Ms(), histogram.getMaxValue() / 1000.0);
        }
    }

    static Result run(String label, int threads, double warmupSeconds, double seconds, OpFactory factory)
            throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int t = 0; t < threads; t++) ops.add(factory.create());
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong errors = new AtomicLong();
        AtomicLong firstError = new AtomicLong();
        Histogram[] hs = new Histogram[threads];
        long[] counts = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int n = t;
            hs[n] = new Histogram(60_000_000L, 3);
            workers[n] = Thread.ofPlatform().name("load-" + n).start(() -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(Data.SEED + 7919L * n);
                Op op = ops.get(n);
                while (!stop.get()) {
                    boolean m = measuring.get();
                    long start = System.nanoTime();
                    try {
                        op.run(random);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (firstError.compareAndSet(0, 1)) {
                            System.err.println("  [" + label + "] error: " + e);
                        }
                        continue;
                    }
                    long micros = (System.nanoTime() - start) / 1000;
                    if (m && measuring.get()) {
                        hs[n].recordValue(Math.min(micros, 60_000_000L));
                        counts[n]++;
                    }
                }
            });
        }
        Thread.sleep((long) (warmupSeconds * 1000));
        long errorsBefore = errors.get();
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        measuring.set(false);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread w : workers) w.join();
        for (Op op : ops) op.close();
        Histogram all = new Histogram(60_000_000L, 3);
        long total = 0;
        for (int t = 0; t < threads; t++) {
            all.add(hs[t]);
            total += counts[t];
        }
        Result r = new Result(total, errors.get() - errorsBefore, elapsed, all);
        System.out.println("  " + label + ": " + r);
        return r;
    }
}
