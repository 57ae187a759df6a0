package datastore.services.read;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.PlanRelation;
import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.SqlIdentifiers;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.services.sql.GuardedSql;
import datastore.services.sql.SqlGuard;
import datastore.services.stream.OutputField;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code datastore_search_sql}: the guard decides, the engine's own plan must agree, and the query runs
 * read-only with caps on its text, rows, bytes and values, a timeout, and a limit on how many run at once
 * — on platform threads, since an engine's native calls would pin the virtual threads requests run on.
 */
public final class SqlService {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    /**
     * How much one query may ask of the service.
     *
     * @param rowsMax rows returned at most (more are cut and flagged)
     * @param timeout how long the engine may work on one query
     * @param maxLength longest SQL text accepted, in characters ({@code SQL_MAX_LENGTH})
     * @param resultMaxBytes largest result, estimated as JSON ({@code SQL_RESULT_MAX_BYTES})
     * @param valueMaxBytes largest single value, as text ({@code SQL_VALUE_MAX_BYTES})
     * @param maxConcurrent queries the engine runs at once; others wait up to {@code timeout} ({@code SQL_MAX_CONCURRENT})
     */
    public record Limits(
            int rowsMax, Duration timeout, int maxLength, long resultMaxBytes, long valueMaxBytes, int maxConcurrent) {
        public static final int DEFAULT_MAX_LENGTH = 100_000;
        public static final long DEFAULT_RESULT_MAX_BYTES = 32L << 20;
        public static final long DEFAULT_VALUE_MAX_BYTES = 8L << 20;
        public static final int DEFAULT_MAX_CONCURRENT = 2;

        public Limits {
            Objects.requireNonNull(timeout, "timeout is null");
            if (rowsMax < 1 || maxLength < 1 || resultMaxBytes < 1 || valueMaxBytes < 1 || maxConcurrent < 1) {
                throw new IllegalArgumentException("SQL limits must be positive");
            }
        }

        /** The defaults, with the given row cap and timeout. */
        public static Limits defaults(int rowsMax, Duration timeout) {
            return new Limits(
                    rowsMax,
                    timeout,
                    DEFAULT_MAX_LENGTH,
                    DEFAULT_RESULT_MAX_BYTES,
                    DEFAULT_VALUE_MAX_BYTES,
                    DEFAULT_MAX_CONCURRENT);
        }
    }

    private final StorageEngine engine;
    private final SqlGuard guard;
    private final Limits limits;
    private final Semaphore running;
    private final ExecutorService threads;

    public SqlService(StorageEngine engine, SqlGuard guard, int rowsMax, Duration timeout) {
        this(engine, guard, Limits.defaults(rowsMax, timeout));
    }

    public SqlService(StorageEngine engine, SqlGuard guard, Limits limits) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.guard = Objects.requireNonNull(guard, "guard is null");
        this.limits = Objects.requireNonNull(limits, "limits is null");
        this.running = new Semaphore(limits.maxConcurrent(), true);
        // Never more threads than permits, so each admitted query has a thread of its own at once.
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "sql-query");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Parses and checks the query; the tables it reads come back for authorisation. */
    public GuardedSql check(String sql) {
        return checkNamed(sql).guarded();
    }

    /** A checked query and, per table it reads, the names the query used for it (its id, aliases). */
    public record Checked(GuardedSql guarded, Map<String, Set<String>> namesByTable) {}

    /**
     * Like {@link #check}, also reporting the names each table was reached by, for per-table
     * restrictions. Call it only once the caller may run SQL at all: over-long text is refused unread,
     * but parsing costs CPU.
     */
    public Checked checkNamed(String sql) {
        if (sql != null && sql.length() > limits.maxLength()) {
            throw ApiException.validation(
                    "sql",
                    "The query is " + sql.length() + " characters long; this server accepts at most "
                            + limits.maxLength() + " (SQL_MAX_LENGTH)");
        }
        SqlIdentifiers identifiers = engine.sqlIdentifiers();
        Map<String, Set<String>> names = new LinkedHashMap<>();
        GuardedSql guarded = guard.check(sql, identifiers.folding(), name -> {
            Optional<String> id = engine.table(name).map(TableDef::id);
            id.ifPresent(
                    i -> names.computeIfAbsent(i, k -> new LinkedHashSet<>()).add(name));
            return id;
        });
        Map<String, Set<String>> byTable = new LinkedHashMap<>();
        for (String table : guarded.tables()) {
            byTable.put(table, Set.copyOf(names.getOrDefault(table, Set.of(table))));
        }
        return new Checked(guarded, byTable);
    }

    /**
     * Runs a checked query: the engine's plan must read nothing but the tables the guard resolved, and
     * the whole result is read (within the caps) before it is returned, so no refusal comes mid-response.
     */
    public SqlResult run(String originalSql, GuardedSql guarded) {
        return onQueryThread(() -> {
            requirePlanWithin(guarded);
            Set<String> numeric = numericColumns(guarded);
            BufferedRows buffered;
            try (RowCursor cursor =
                    engine.sql(guarded.sql(), limits.rowsMax() + 1, limits.valueMaxBytes(), limits.timeout())) {
                buffered = BufferedRows.read(cursor, limits.resultMaxBytes());
            }
            return result(originalSql, buffered, numeric);
        });
    }

    /**
     * Refuses a query whose plan, as the engine itself resolved it, reads any relation other than the
     * datastore tables the guard allowed, or calls a table function the guard would not.
     */
    private void requirePlanWithin(GuardedSql guarded) {
        String schema = engine.sqlIdentifiers().tableSchema();
        for (PlanRelation relation : engine.relationsRead(guarded.sql(), limits.timeout())) {
            switch (relation.kind()) {
                case TABLE -> {
                    if (!relation.schema().equals(schema)) {
                        throw ApiException.notAuthorized("Not authorized to access system tables");
                    }
                    if (!guarded.tables().contains(relation.name())) {
                        throw ApiException.notAuthorized("Not authorized to read relation \"" + relation.name() + "\"");
                    }
                }
                case FUNCTION -> {
                    if (!guard.allowsFunction(relation.name().toLowerCase(Locale.ROOT))) {
                        throw ApiException.notAuthorized("Not authorized to call function " + relation.name());
                    }
                }
            }
        }
    }

    private SqlResult result(String originalSql, RowCursor cursor, Set<String> numeric) {
        List<OutputField> fields = new ArrayList<>();
        List<SqlResult.Column> columns = new ArrayList<>();
        boolean[] asNumber = new boolean[cursor.columns().size()];
        for (int i = 0; i < asNumber.length; i++) {
            RowCursor.ResultColumn c = cursor.columns().get(i);
            // An engine may keep numeric as exact text; a result column carrying such a column's name
            // is reported as CKAN does, numeric with number values.
            asNumber[i] = c.typname().equals("text") && numeric.contains(c.name());
            String typname = asNumber[i] ? "numeric" : c.typname();
            fields.add(new OutputField(c.name(), FieldType.parse(typname).orElse(FieldType.TEXT)));
            columns.add(new SqlResult.Column(c.name(), typname));
        }
        // search_sql reports timestamps as Python's isoformat(), which keeps non-zero microseconds.
        CursorRows rows = new CursorRows(cursor, fields, limits.rowsMax(), (i, v) -> switch (v) {
            case LocalDateTime t -> t.format(t.getNano() == 0 ? SECONDS : MICROS);
            case String text when asNumber[i] -> number(text);
            case null, default -> v;
        });
        return new SqlResult(originalSql, columns, rows);
    }

    /**
     * Runs {@code work} on a platform thread once one of {@link Limits#maxConcurrent()} permits is free,
     * waiting at most the query timeout for one; the permit is held until the work really ends.
     */
    private <T> T onQueryThread(Callable<T> work) {
        try {
            if (!running.tryAcquire(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.of(
                        ErrorCode.UNAVAILABLE,
                        "Too many SQL queries are running (SQL_MAX_CONCURRENT=" + limits.maxConcurrent()
                                + "); try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.of(ErrorCode.UNAVAILABLE, "interrupted while waiting to run the query");
        }
        Future<T> future;
        try {
            future = threads.submit(() -> {
                try {
                    return work.call();
                } finally {
                    running.release();
                }
            });
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
        try {
            // The engine cancels a query at its timeout; the margin covers reading what it returned.
            return future.get(limits.timeout().toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ApiException.validation("query", "Query took too long");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw ApiException.of(ErrorCode.UNAVAILABLE, "interrupted while running the query");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw ApiException.of(ErrorCode.INTERNAL, "the query failed", cause);
        }
    }

    private Set<String> numericColumns(GuardedSql guarded) {
        Set<String> names = new HashSet<>();
        for (String id : guarded.tables()) {
            engine.table(id).ifPresent(t -> t.fields().stream()
                    .filter(f ->
                            f.type().base() == BaseType.NUMERIC && !f.type().array())
                    .forEach(f -> names.add(f.id())));
        }
        return names;
    }

    private static Object number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
