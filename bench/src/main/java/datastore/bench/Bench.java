package datastore.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * bench/run's entry point: generates the synthetic table, starts the service jar on each engine and
 * measures it side by side with the raw engine underneath, then writes one markdown table.
 */
public final class Bench {
    static final int BATCH = 10_000;
    static final String ROWS_ID = "bench_rows";
    static final String PK_ID = "bench_pk";
    static final String TINY_ID = "bench_tiny";
    static final String Q_WORD = "harbour";
    static final String GROUP_BY_SQL = "SELECT category, count(*) AS n, avg(amount) AS mean_amount, sum(\"count\")"
            + " AS total FROM %s GROUP BY category ORDER BY category";

    // options
    int rows = 5_000_000;
    boolean quick;
    List<String> engines = List.of("duckdb", "postgres");
    Path jar = Path.of("target/datastore.jar");
    Path out = Path.of("bench/results");
    Path work = Path.of(
            System.getProperty("java.io.tmpdir"),
            "datastore-bench-" + ProcessHandle.current().pid());
    int clients = 4;
    double warmup = 3, seconds = 15;
    String pgAdminUrl =
            System.getenv().getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    List<String> serviceJvm = new ArrayList<>(List.of("-Xmx2g", "--enable-native-access=ALL-UNNAMED"));

    final List<String[]> table = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    Data data;

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        b.parse(args);
        b.run();
        System.exit(0);
    }

    void parse(String[] args) {
        boolean rowsGiven = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> {
                    rows = Integer.parseInt(args[++i].replace("_", ""));
                    rowsGiven = true;
                }
                case "--quick" -> quick = true;
                case "--engines" -> engines = List.of(args[++i].split(","));
                case "--jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--service-jvm" -> serviceJvm = new ArrayList<>(List.of(args[++i].split(" ")));
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --rows N --quick --engines duckdb,postgres --jar F --out DIR --work DIR"
                            + " --clients N --seconds S --service-jvm '<java options>'");
            }
        }
        if (quick) {
            if (!rowsGiven) rows = 1_000_000;
            warmup = 2;
            seconds = Math.min(seconds, 8);
        }
    }

    void run() throws Exception {
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String load0 = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf("generating %,d rows (seed %d)%n", rows, Data.SEED);
        long t0 = System.nanoTime();
        data = new Data(rows);
        System.out.printf("  %.1f s%n", (System.nanoTime() - t0) / 1e9);
        for (String engine : engines) {
            try {
                switch (engine) {
                    case "duckdb" -> engine("duckdb", null);
                    case "postgres" -> {
                        if (!reachable(pgAdminUrl)) {
                            notes.add("PostgreSQL not reachable at " + pgAdminUrl + ": its rows are missing.");
                            System.out.println("postgres: not reachable, skipped");
                            continue;
                        }
                        engine("postgres", pgAdminUrl);
                    }
                    default -> throw new IllegalArgumentException("unknown engine " + engine);
                }
            } catch (Exception e) {
                e.printStackTrace();
                notes.add(engine + " run failed: " + e);
            }
        }
        String load1 = Files.readString(Path.of("/proc/loadavg")).trim();
        deleteTree(work);
        report(started, load0, load1);
    }

    // ---------------------------------------------------------------------------------------------

    void engine(String engine, String adminUrl) throws Exception {
        System.out.println("== " + engine);
        String tag = Long.toString(System.currentTimeMillis(), 36) + "_"
                + ProcessHandle.current().pid();
        String svcDb = "bench_svc_" + tag;
        String svcUrl = null;
        if (adminUrl != null) {
            createDatabase(adminUrl, svcDb);
            svcUrl = withDatabase(adminUrl, svcDb);
        }
        Path dir = work.resolve(engine);
        try (Service svc = Service.start(jar, engine, dir.resolve("service"), svcUrl, serviceJvm);
                Raw raw = adminUrl == null
                        ? new Raw.DuckDb(data, dir.resolve("raw"))
                        : new Raw.Postgres(data, adminUrl, "bench_raw_" + tag)) {
            HttpClient http = Service.client();
            raw.createTables();
            int upsertRows = Math.max(BATCH, (rows / 5) / BATCH * BATCH);

            // ---- ingest
            svc.call(
                    http,
                    "datastore_create",
                    "{\"resource_id\":\"" + ROWS_ID + "\",\"fields\":" + Data.FIELDS_JSON + "}");
            double svcIngest = serviceWrite(svc, ROWS_ID, "insert", 0, rows, i -> true);
            double rawIngest = rawWrite(raw, false, 0, rows);
            row(
                    engine,
                    "ingest: `datastore_upsert` method=insert, " + String.format("%,d", BATCH) + "-record bodies, "
                            + clients + " clients",
                    rate(svcIngest),
                    rate(rawIngest) + (engine.equals("duckdb") ? " (appender)" : " (COPY)"),
                    ratio(svcIngest, rawIngest),
                    engine.equals("duckdb") ? "≥ 150k rows/s, ≥ 40 %" : "≥ 100k rows/s, ≥ 40 %",
                    svcIngest >= (engine.equals("duckdb") ? 150_000 : 100_000) && svcIngest >= 0.4 * rawIngest);

            // ---- upsert with a primary key, 10 % of keys present
            svc.call(
                    http,
                    "datastore_create",
                    "{\"resource_id\":\"" + PK_ID + "\",\"primary_key\":\"id\",\"fields\":" + Data.FIELDS_JSON + "}");
            IntPredicate present = i -> i % 10 == 0;
            serviceWrite(svc, PK_ID, "insert", 0, upsertRows, present); // untimed preload
            try (Connection c = raw.connect()) {
                for (int f = 0; f < upsertRows; f += BATCH) raw.load(c, Raw.PK, f, f + BATCH, present);
            }
            System.out.printf("  upsert: %,d rows, %,d keys already present%n", upsertRows, upsertRows / 10);
            double svcUpsert = serviceWrite(svc, PK_ID, "upsert", 0, upsertRows, i -> true);
            double rawUpsert = rawWrite(raw, true, 0, upsertRows);
            row(
                    engine,
                    "upsert with a primary key, 10 % of keys present (" + String.format("%,d", upsertRows) + " rows)",
                    rate(svcUpsert),
                    rate(rawUpsert) + " (`INSERT … ON CONFLICT`)",
                    ratio(svcUpsert, rawUpsert),
                    "—",
                    null);

            if (adminUrl != null) {
                // Both databases get fresh statistics, as after autovacuum's analyse.
                analyze(svcUrl);
                analyze(withDatabase(adminUrl, ((Raw.Postgres) raw).database));
            }

            // ---- default search page
            byte[] defaultBody = json("{\"resource_id\":\"" + ROWS_ID + "\"}");
            Load.Result sDefault = serviceLoad(svc, "service default search", 2, r -> defaultBody);
            Load.Result rDefault = Load.run("raw default search", 2, warmup, seconds, () -> {
                Connection c = raw.connect();
                PreparedStatement page =
                        c.prepareStatement("SELECT " + Raw.COLS + " FROM " + Raw.ROWS + " ORDER BY id LIMIT 100");
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + Raw.ROWS);
                return new Load.Op() {
                    @Override
                    public void run(SplittableRandom random) throws Exception {
                        drain(page);
                        drain(count);
                    }

                    @Override
                    public void close() throws Exception {
                        c.close();
                    }
                };
            });
            boolean duck = engine.equals("duckdb");
            row(
                    engine,
                    "`datastore_search` default page (limit 100, exact total), 2 clients",
                    latency(sDefault),
                    latency(rDefault),
                    ratio(rDefault.p50Ms(), sDefault.p50Ms()),
                    duck ? "p50 ≤ 15 ms, p99 ≤ 50 ms" : "— (next row)",
                    met(duck, sDefault.p50Ms() <= 15 && sDefault.p99Ms() <= 50));
            if (!duck) {
                byte[] estBody = json("{\"resource_id\":\"" + ROWS_ID + "\",\"total_estimation_threshold\":100000}");
                Load.Result sEst = serviceLoad(svc, "service search, estimated total", 2, r -> estBody);
                row(
                        engine,
                        "`datastore_search` default page, `total_estimation_threshold`=100000, 2 clients",
                        latency(sEst),
                        "—",
                        "",
                        "p50 ≤ 30 ms",
                        sEst.p50Ms() <= 30);
            }

            // ---- point lookups on the keyed table
            Load.Result sPoint = serviceLoad(
                    svc,
                    "service point lookup",
                    32,
                    r -> json("{\"resource_id\":\"" + PK_ID + "\",\"filters\":{\"id\":" + (1 + r.nextInt(upsertRows))
                            + "}}"));
            Load.Result rPoint = Load.run(
                    "raw point lookup",
                    32,
                    warmup,
                    seconds,
                    raw.query(
                            "SELECT " + Raw.COLS + " FROM " + Raw.PK + " WHERE id = ?",
                            r -> 1 + r.nextInt(upsertRows)));
            row(
                    engine,
                    "point lookup `filters={\"id\": x}` (keyed table), 32 connections",
                    throughput(sPoint),
                    throughput(rPoint),
                    ratio(sPoint.perSecond(), rPoint.perSecond()),
                    duck ? "≥ 1,500 req/s, p99 ≤ 50 ms" : "≥ 5,000 req/s",
                    duck ? sPoint.perSecond() >= 1500 && sPoint.p99Ms() <= 50 : sPoint.perSecond() >= 5000);

            // ---- deep page
            int deepMax = Math.max(0, rows - 100);
            Load.Result sDeep = serviceLoad(
                    svc,
                    "service deep page",
                    2,
                    r -> json("{\"resource_id\":\"" + ROWS_ID + "\",\"offset\":"
                            + Math.max(0, deepMax - r.nextInt(Math.min(1000, deepMax + 1))) + "}"));
            row(
                    engine,
                    "deep page: `offset` within the last 1,100 rows, default sort, 2 clients",
                    latency(sDeep),
                    "—",
                    "",
                    duck ? "p99 ≤ 50 ms" : "—",
                    met(duck, sDeep.p99Ms() <= 50));

            // ---- q
            byte[] qBody = json("{\"resource_id\":\"" + ROWS_ID + "\",\"q\":\"" + Q_WORD + "\"}");
            Load.Result sQ = serviceLoad(svc, "service q", 2, r -> qBody);
            row(
                    engine,
                    "`q` one word (\"" + Q_WORD + "\", with total), 2 clients",
                    latency(sQ),
                    "—",
                    "",
                    duck ? "p50 ≤ 250 ms at 1M rows" : "p50 ≤ 20 ms",
                    duck ? met(rows <= 1_000_000, sQ.p50Ms() <= 250) : met(true, sQ.p50Ms() <= 20));

            // ---- search_sql GROUP BY
            byte[] gBody = json("{\"sql\":\""
                    + String.format(GROUP_BY_SQL, "\\\"" + ROWS_ID + "\\\"").replace("\"count\"", "\\\"count\\\"")
                    + "\"}");
            Load.Result sG = serviceLoad(svc, "service group by", 2, r -> gBody, "datastore_search_sql");
            Load.Result rG = Load.run(
                    "raw group by", 2, warmup, seconds, raw.query(String.format(GROUP_BY_SQL, Raw.ROWS), null));
            row(
                    engine,
                    "`datastore_search_sql` GROUP BY category (count, avg, sum), 2 clients",
                    latency(sG),
                    latency(rG),
                    ratio(rG.p50Ms(), sG.p50Ms()),
                    duck ? "p50 ≤ 100 ms at 5M rows" : "—",
                    met(duck && rows >= 5_000_000, sG.p50Ms() <= 100));

            // ---- dump
            dump(engine, svc, raw);

            // ---- HTTP overhead on a tiny table
            StringBuilder tiny = new StringBuilder("{\"resource_id\":\"" + TINY_ID + "\",\"fields\":"
                    + "[{\"id\":\"n\",\"type\":\"int\"},{\"id\":\"word\",\"type\":\"text\"}],\"records\":[");
            for (int i = 0; i < 10; i++)
                tiny.append(i > 0 ? "," : "").append("{\"n\":" + i + ",\"word\":\"w" + i + "\"}");
            svc.call(http, "datastore_create", tiny.append("]}").toString());
            byte[] tinyBody = json("{\"resource_id\":\"" + TINY_ID + "\"}");
            Load.Result sTiny = serviceLoad(svc, "service tiny search", 32, r -> tinyBody);
            row(
                    engine,
                    "HTTP overhead: `datastore_search` on a 10-row table, 32 connections",
                    throughput(sTiny),
                    "—",
                    "",
                    "≥ 20k req/s",
                    sTiny.perSecond() >= 20_000);
            System.out.println("  service log: " + svc.log);
        } finally {
            if (adminUrl != null) dropDatabase(adminUrl, svcDb);
            deleteTree(dir);
        }
    }

    /** The scratch files of one engine's run (the service's DATA_DIR and the raw DuckDB file). */
    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Sends the batches of rows [from, to) as action bodies from {@code clients} clients; rows/s. */
    double serviceWrite(Service svc, String id, String method, int from, int to, IntPredicate include)
            throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        long sent = 0;
        for (int f = from; f < to; f += BATCH) {
            int t = Math.min(to, f + BATCH);
            bodies.add(data.jsonBody(id, method, f, t, include));
            for (int i = f; i < t; i++) if (include.test(i)) sent++;
        }
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(clients, w -> {
            HttpClient c = Service.client();
            for (int b; (b = next.getAndIncrement()) < bodies.size(); )
                svc.callDiscard(c, "datastore_upsert", bodies.get(b));
        });
        double s = (System.nanoTime() - t0) / 1e9;
        double r = sent / s;
        System.out.printf("  service %s %s: %,d rows in %.1f s = %,.0f rows/s%n", method, id, sent, s, r);
        return r;
    }

    /** The raw engine's bulk path for the same batches: appender/COPY, or staging + INSERT … ON CONFLICT. */
    double rawWrite(Raw raw, boolean upsert, int from, int to) throws Exception {
        List<byte[]> csv = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (int f = from; f < to; f += BATCH) {
            int t = Math.min(to, f + BATCH);
            ranges.add(new int[] {f, t});
            if (raw instanceof Raw.Postgres) csv.add(data.csv(f, t, i -> true)); // prepared before timing, as JSON is
        }
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(clients, w -> {
            try (Connection c = raw.connect()) {
                for (int b; (b = next.getAndIncrement()) < ranges.size(); ) {
                    int[] r = ranges.get(b);
                    for (int attempt = 0; ; attempt++) {
                        try {
                            if (raw instanceof Raw.Postgres pg) {
                                if (upsert) pg.upsertCsv(c, csv.get(b));
                                else Raw.Postgres.copy(c, Raw.ROWS, csv.get(b));
                            } else if (upsert) {
                                raw.upsert(c, w, r[0], r[1]);
                            } else {
                                raw.load(c, Raw.ROWS, r[0], r[1], i -> true);
                            }
                            break;
                        } catch (SQLException e) {
                            if (attempt >= 5) throw e; // DuckDB: optimistic concurrency conflicts are retried
                        }
                    }
                }
            }
        });
        double s = (System.nanoTime() - t0) / 1e9;
        double r = (to - from) / s;
        System.out.printf(
                "  raw %s %s: %,d rows in %.1f s = %,.0f rows/s%n",
                raw.engine(), upsert ? "upsert" : "load", to - from, s, r);
        return r;
    }

    interface Body {
        byte[] next(SplittableRandom r);
    }

    Load.Result serviceLoad(Service svc, String label, int threads, Body body) throws Exception {
        return serviceLoad(svc, label, threads, body, "datastore_search");
    }

    Load.Result serviceLoad(Service svc, String label, int threads, Body body, String action) throws Exception {
        return Load.run(label, threads, warmup, seconds, () -> {
            HttpClient c = Service.client();
            return r -> svc.callDiscard(c, action, body.next(r));
        });
    }

    void dump(String engine, Service svc, Raw raw) throws Exception {
        long idleHeap = svc.liveHeapAfterGc();
        long[] rss0 = svc.rssKb();
        AtomicLong peakRss = new AtomicLong(rss0[0]);
        AtomicLong liveDuring = new AtomicLong(-1);
        AtomicLong lines = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            boolean gcDone = false;
            while (!done.get()) {
                peakRss.accumulateAndGet(svc.rssKb()[0], Math::max);
                if (!gcDone && lines.get() >= rows / 4) {
                    gcDone = true;
                    liveDuring.set(svc.liveHeapAfterGc());
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    // stop when done
                }
            }
        });
        HttpClient c = Service.client();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = c.send(
                HttpRequest.newBuilder(svc.base.resolve("/datastore/dump/" + ROWS_ID))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                bytes += n;
                long nl = 0;
                for (int i = 0; i < n; i++) if (buf[i] == '\n') nl++;
                lines.addAndGet(nl);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        done.set(true);
        sampler.join();
        long dumped = lines.get() - 1;
        if (r.statusCode() != 200 || dumped != rows) {
            notes.add(engine + " dump: status " + r.statusCode() + ", " + dumped + " rows of " + rows);
        }
        double svcRate = dumped / s;
        System.out.printf(
                "  service dump: %,d rows, %,d bytes in %.1f s = %,.0f rows/s; peak RSS %d MB; live heap idle %d MB,"
                        + " during %d MB%n",
                dumped, bytes, s, svcRate, peakRss.get() / 1024, idleHeap >> 20, liveDuring.get() >> 20);
        long t1 = System.nanoTime();
        CountingStream cs = new CountingStream();
        long rawRows = raw.dumpCsv(cs);
        double rs = (System.nanoTime() - t1) / 1e9;
        double rawRate = rawRows / rs;
        System.out.printf("  raw dump: %,d rows, %,d bytes in %.1f s = %,.0f rows/s%n", rawRows, cs.n, rs, rawRate);
        long growth = liveDuring.get() < 0 || idleHeap < 0 ? -1 : liveDuring.get() - idleHeap;
        String heap = growth == -1 ? "n/a" : String.format("%+d MB", growth >> 20);
        row(
                engine,
                "full CSV dump `/datastore/dump/{id}` (" + String.format("%,d", dumped) + " rows)",
                rate(svcRate) + "; peak RSS " + peakRss.get() / 1024 + " MB; live heap " + heap + " vs idle",
                rate(rawRate) + " (result set → CSV)",
                ratio(svcRate, rawRate),
                engine.equals("duckdb") ? "≥ 500k rows/s, heap ≤ +100 MB" : "≥ 500k rows/s",
                svcRate >= 500_000 && (engine.equals("postgres") || (growth != -1 && growth <= 100L << 20)));
    }

    static final class CountingStream extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }

    // ---------------------------------------------------------------------------------------------

    interface Worker {
        void run(int worker) throws Exception;
    }

    static void parallel(int n, Worker w) throws Exception {
        List<Thread> ts = new ArrayList<>();
        List<Exception> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            int k = i;
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    w.run(k);
                } catch (Exception e) {
                    errors.add(e);
                }
            }));
        }
        for (Thread t : ts) t.join();
        if (!errors.isEmpty()) throw errors.get(0);
    }

    static void drain(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) for (int i = 1; i <= n; i++) rs.getObject(i);
        }
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void analyze(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    static boolean reachable(String url) {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    static String withDatabase(String url, String db) {
        return url.replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + db);
    }

    static void createDatabase(String adminUrl, String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
    }

    static void dropDatabase(String adminUrl, String db) {
        try (Connection c = DriverManager.getConnection(adminUrl);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + db + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------

    void row(String engine, String measure, String service, String baseline, String ratio, String target, Boolean met) {
        String m = met == null ? (target.equals("—") ? "" : "n/a") : met ? "yes" : "**no**";
        table.add(new String[] {engine, measure, service, baseline, ratio, target, m});
        System.out.println("  -> " + measure + ": " + service + " | " + baseline + " | " + ratio);
    }

    /** Whether a target was met, or null where none applies (another engine or table size). */
    static Boolean met(boolean applies, boolean ok) {
        return applies ? Boolean.valueOf(ok) : null;
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f rows/s", perSecond);
    }

    static String latency(Load.Result r) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms (n=%,d)", r.p50Ms(), r.p99Ms(), r.requests());
    }

    static String throughput(Load.Result r) {
        return String.format(Locale.ROOT, "%,.0f req/s, p50 %.1f ms, p99 %.1f ms", r.perSecond(), r.p50Ms(), r.p99Ms());
    }

    /** service ÷ baseline for rates; for latencies the callers pass baseline ÷ service (≤ 1 = slower). */
    static String ratio(double service, double baseline) {
        if (baseline <= 0) return "";
        return String.format(Locale.ROOT, "%.0f %%", 100 * service / baseline);
    }

    void report(String started, String load0, String load1) throws Exception {
        StringBuilder md = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE);
        md.append("# Datastore benchmark\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%s (UTC), %d cores (`nproc`), %,d rows%s, %d ingest clients, %.0f s per latency run after %.0f s"
                        + " warm-up; Java %s; service JVM `%s`.%n%n",
                started,
                Runtime.getRuntime().availableProcessors(),
                rows,
                quick ? " (`--quick`)" : "",
                clients,
                seconds,
                warmup,
                System.getProperty("java.version"),
                String.join(" ", serviceJvm)));
        md.append("Load average (1/5/15 min) at start `")
                .append(load0)
                .append("`, at end `")
                .append(load1)
                .append("`. The load generator, the service and the engine share the same cores.\n\n");
        md.append("Ratio: service ÷ raw engine for rates; raw p50 ÷ service p50 for latencies (100 % = no"
                + " overhead).\n\n");
        md.append("| engine | measure | service | raw engine (JDBC) | ratio | target | met |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String[] r : table) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        if (!notes.isEmpty()) {
            md.append("\n");
            for (String n : notes) md.append("- ").append(n).append("\n");
        }
        System.out.println();
        System.out.println(md);
        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.md"), md);
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm"));
        Files.writeString(out.resolve(stamp + (quick ? "-quick" : "") + ".md"), md);
        System.out.println("written to " + out.resolve("latest.md") + " and " + out.resolve(stamp + ".md"));
    }
}
