package datastore.infrastructure.engines.duckdb;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.AlterTable;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.PlanRelation;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.SqlIdentifiers;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.TableName;
import datastore.infrastructure.engines.TableStats;
import datastore.infrastructure.engines.Total;
import datastore.infrastructure.engines.WriteRows;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import datastore.infrastructure.engines.jdbc.Jdbc;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import datastore.infrastructure.engines.jdbc.JdbcRowCursor;
import datastore.infrastructure.engines.jdbc.StatementTimer;
import datastore.infrastructure.engines.sql.BoundedSql;
import datastore.infrastructure.engines.sql.PreparedQuery;
import datastore.infrastructure.engines.sql.QueryBuilder;
import datastore.infrastructure.engines.sql.TableNames;
import datastore.schemas.write.WriteMethod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/** The embedded DuckDB engine: one database file, one root connection, a duplicate per operation. */
final class DuckDbEngine implements StorageEngine {
    private static final JdbcRowCursor.ResultTypes TYPES =
            new JdbcRowCursor.ResultTypes(DuckDbValues::typname, DuckDbValues::reader);

    private final DuckDBConnection root;
    private final DuckDbCatalog catalog = new DuckDbCatalog();
    private final DuckDbDialect dialect;
    private final DuckDbWriter writer;
    private final DuckDbSchema schema;
    private final QueryBuilder queries;
    /** Guards catalog-wide changes (create, drop, aliases); table writes take the table's own lock. */
    private final ReentrantLock ddl = new ReentrantLock();

    private final StatementTimer timer = new StatementTimer("duckdb-statement-timeout");

    DuckDbEngine(DuckDBConnection root, TextAnalyzer analyzer) throws SQLException {
        this.root = root;
        this.dialect = new DuckDbDialect(analyzer);
        this.writer = new DuckDbWriter(dialect, analyzer);
        this.schema = new DuckDbSchema(dialect);
        this.queries = new QueryBuilder(dialect);
        catalog.bootstrap(root);
    }

    @Override
    public String name() {
        return DuckDbEngineFactory.NAME;
    }

    @Override
    public void ping() {
        Jdbc.ping(root::duplicate, "DuckDB");
    }

    @Override
    public Optional<TableDef> table(String idOrAlias) {
        return TableNames.lookup(idOrAlias, name -> catalog.resolve(name).map(e -> e.def));
    }

    @Override
    public List<TableName> tables() {
        List<TableName> out = new ArrayList<>();
        catalog.tables().keySet().stream().sorted().forEach(id -> out.add(new TableName(id, null)));
        catalog.aliases().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(new TableName(e.getKey(), e.getValue())));
        return out;
    }

    @Override
    public TableDef create(CreateTable cmd) {
        TableNames.require(cmd);
        ddl.lock();
        try {
            Optional<DuckDbCatalog.Entry> existing = catalog.entry(cmd.id());
            ReentrantLock tableLock = existing.map(e -> e.lock).orElse(null);
            if (tableLock != null) {
                tableLock.lock();
            }
            try {
                return inTransaction(
                        c -> {
                            TableDef before = existing.map(e -> e.def).orElse(null);
                            long nextId = existing.map(e -> e.nextId).orElse(1L);
                            TableDef shaped = schema.shape(c, before, cmd);
                            DuckDbWriter.Outcome out = writer.insert(c, shaped, cmd.records(), nextId);
                            TableDef after =
                                    schema.index(c, shaped.withRowCount(shaped.rowCount() + out.inserted()), cmd);
                            // CKAN lists aliases newest first, which for one call is the reverse of the request.
                            List<String> aliases =
                                    cmd.aliases() != null ? cmd.aliases().reversed() : after.aliases();
                            if (cmd.aliases() != null) {
                                schema.replaceAliases(c, catalog, after, aliases);
                            }
                            after = after.withAliases(aliases);
                            catalog.save(c, after, out.nextId());
                            List<String> previous = before == null ? List.of() : before.aliases();
                            TableDef published = after;
                            long next = out.nextId();
                            return new Committed<>(published, () -> catalog.publish(published, next, previous));
                        },
                        cmd.records());
            } finally {
                if (tableLock != null) {
                    tableLock.unlock();
                }
            }
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public TableDef alter(AlterTable cmd) {
        String id = cmd.existing().id();
        if (cmd.renameTo() != null) {
            TableNames.require(cmd.renameTo(), "resource_id");
        }
        ddl.lock();
        try {
            DuckDbCatalog.Entry entry = catalog.entry(id).orElseThrow(() -> ApiException.resourceNotFound(id));
            String to = cmd.renameTo();
            if (to != null && (catalog.entry(to).isPresent() || catalog.isAlias(to))) {
                throw ApiException.validation("resource_id", "\"" + to + "\" already exists");
            }
            entry.lock.lock();
            try {
                TableDef before = entry.def;
                boolean indexed =
                        !before.primaryKey().isEmpty() || !before.indexes().isEmpty();
                if (indexed) {
                    inTransaction(
                            c -> {
                                schema.dropIndexes(c, before);
                                return new Committed<>(Boolean.TRUE, () -> {});
                            },
                            null);
                }
                try {
                    return alterInTransaction(cmd, entry, to);
                } catch (RuntimeException e) {
                    if (indexed) {
                        // The alter rolled back; what is left to undo is the index drop committed before it.
                        inTransaction(
                                c -> {
                                    schema.restoreIndexes(c, before);
                                    return new Committed<>(Boolean.TRUE, () -> {});
                                },
                                null);
                    }
                    throw e;
                }
            } finally {
                entry.lock.unlock();
            }
        } finally {
            ddl.unlock();
        }
    }

    private TableDef alterInTransaction(AlterTable cmd, DuckDbCatalog.Entry entry, @Nullable String to) {
        String id = cmd.existing().id();
        return inTransaction(
                c -> {
                    TableDef after = schema.alter(c, cmd);
                    if (to != null) {
                        catalog.delete(c, id);
                        catalog.replaceAliases(c, to, after.aliases());
                    }
                    long next = entry.nextId;
                    catalog.save(c, after, next);
                    return new Committed<>(after, () -> {
                        if (to != null) {
                            catalog.forget(id);
                        }
                        catalog.publish(after, next, cmd.existing().aliases());
                    });
                },
                false,
                e -> ApiException.validation(
                        Map.of("alter", List.of(DuckDbErrors.message(e, null, null))), Map.of(), e));
    }

    @Override
    public TableDef write(WriteRows cmd) {
        DuckDbCatalog.Entry entry = catalog.entry(cmd.table().id())
                .orElseThrow(() -> ApiException.resourceNotFound(cmd.table().id()));
        entry.lock.lock();
        try {
            return inTransaction(
                    c -> {
                        TableDef def = entry.def;
                        long nextId = entry.nextId;
                        long inserted = 0;
                        for (WriteRows.Group g : cmd.groups()) {
                            DuckDbWriter.Outcome out = cmd.method() == WriteMethod.INSERT
                                    ? writer.insert(c, def, g.rows(), nextId)
                                    : writer.merge(c, def, cmd.method(), g, nextId);
                            inserted += out.inserted();
                            nextId = out.nextId();
                        }
                        TableDef after = def.withRowCount(def.rowCount() + inserted);
                        catalog.saveCounts(c, def.id(), after.rowCount(), nextId);
                        long next = nextId;
                        return new Committed<>(after, () -> {
                            entry.def = after;
                            entry.nextId = next;
                        });
                    },
                    cmd.dryRun(),
                    e -> DuckDbErrors.records(e, entry.def, lastBatch(cmd)));
        } finally {
            entry.lock.unlock();
        }
    }

    @Override
    public long deleteRows(SearchQuery query) {
        DuckDbCatalog.Entry entry = catalog.entry(query.table().id())
                .orElseThrow(() -> ApiException.resourceNotFound(query.table().id()));
        entry.lock.lock();
        try {
            PreparedQuery q = queries.delete(query);
            return inTransaction(
                    c -> {
                        long n;
                        try (PreparedStatement p = Jdbc.prepare(c, q)) {
                            n = p.executeLargeUpdate();
                        }
                        TableDef after = entry.def.withRowCount(Math.max(0, entry.def.rowCount() - n));
                        catalog.saveCounts(c, after.id(), after.rowCount(), entry.nextId);
                        return new Committed<>(n, () -> entry.def = after);
                    },
                    false,
                    DuckDbErrors::query);
        } finally {
            entry.lock.unlock();
        }
    }

    @Override
    public void drop(TableDef table) {
        String tableId = table.id();
        ddl.lock();
        try {
            DuckDbCatalog.Entry entry =
                    catalog.entry(tableId).orElseThrow(() -> ApiException.resourceNotFound(tableId));
            entry.lock.lock();
            try {
                // An anonymous class, not a lambda: NullAway 0.14 checks a lambda's return against Committed<T>
                // without putting in the @Nullable Void it is typed with.
                Work<@Nullable Void> dropTable = new Work<>() {
                    @Override
                    public Committed<@Nullable Void> run(DuckDBConnection c) throws SQLException {
                        try (Statement s = c.createStatement()) {
                            for (String alias : entry.def.aliases()) {
                                s.execute("DROP VIEW IF EXISTS " + dialect.quote(alias));
                            }
                            s.execute("DROP TABLE " + dialect.table(tableId));
                        }
                        catalog.delete(c, tableId);
                        return new Committed<>(null, () -> catalog.forget(tableId));
                    }
                };
                inTransaction(dropTable, null);
            } finally {
                entry.lock.unlock();
            }
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public RowCursor search(SearchQuery query) {
        return search(query, null);
    }

    @Override
    public RowCursor search(SearchQuery query, @Nullable Duration timeout) {
        PreparedQuery q = queries.search(query, keysetSeek(query));
        return JdbcRowCursor.openCursor(
                        root::duplicate,
                        q,
                        JdbcRowCursor.typnames(query.table()),
                        TYPES,
                        timer.around(JdbcRowCursor.PLAIN, timeout),
                        DuckDbErrors::query)
                .until(timeout == null ? null : JdbcRowCursor.Deadline.after(timeout, JdbcErrors::searchTimeout));
    }

    /**
     * A page on the default order (the first or a deep one) is a range seek rather than a sort of the
     * whole table and an OFFSET scan when the table's ids have no gaps (rows 1..n, never deleted from): then the row at offset k is the one with {@code _id} k + 1.
     * The ids and the count are read under the table's lock so a concurrent write cannot mix them; while
     * a write holds it, the page is read with OFFSET as before.
     */
    private static final int MAX_SEEK_PAGE = 100_000;

    private OptionalLong keysetSeek(SearchQuery query) {
        // Pages only: a dump reads the whole table anyway and streams best as a plain ordered scan.
        if (query.offset() < 0
                || query.limit() > MAX_SEEK_PAGE
                || query.hasWhere()
                || query.distinct()
                || !QueryBuilder.isIdOrder(query)) {
            return OptionalLong.empty();
        }
        Optional<DuckDbCatalog.Entry> entry = catalog.entry(query.table().id());
        if (entry.isEmpty() || !entry.get().lock.tryLock()) {
            return OptionalLong.empty();
        }
        try {
            boolean gapless = entry.get().def.rowCount() == entry.get().nextId - 1;
            return gapless ? OptionalLong.of(query.offset()) : OptionalLong.empty();
        } finally {
            entry.get().lock.unlock();
        }
    }

    @Override
    public RowCursor facet(SearchQuery query, String column, int limit) {
        return JdbcRowCursor.open(
                root::duplicate,
                queries.facet(query, column, limit),
                JdbcRowCursor.typnames(query.table()),
                TYPES,
                JdbcRowCursor.PLAIN,
                DuckDbErrors::query);
    }

    @Override
    public Total count(SearchQuery query, OptionalLong estimationThreshold) {
        return count(query, estimationThreshold, null);
    }

    @Override
    public Total count(SearchQuery query, OptionalLong estimationThreshold, @Nullable Duration timeout) {
        if (!query.hasWhere() && !query.distinct()) {
            // The maintained count is exact and free; it stands in for CKAN's planner estimate, flagged as
            // CKAN flags one, when the caller asked for estimates from this size up.
            long rows =
                    catalog.entry(query.table().id()).map(e -> e.def.rowCount()).orElse(0L);
            boolean estimated = estimationThreshold.isPresent() && rows >= estimationThreshold.getAsLong();
            return new Total(rows, estimated);
        }
        try (Connection c = root.duplicate()) {
            return new Total(timer.queryLong(c, queries.count(query), timeout), false);
        } catch (SQLException e) {
            throw DuckDbErrors.query(e);
        }
    }

    @Override
    public RowCursor sql(String sql, int maxRows, long maxValueBytes, Duration timeout) {
        Connection c;
        try {
            c = root.duplicate();
        } catch (SQLException e) {
            throw DuckDbErrors.sql(e);
        }
        // DuckDB has no statement timeout: a timer cancels the statement, and is stopped with the cursor.
        JdbcRowCursor.Setup cancelLate = (connection, p) -> {
            ScheduledFuture<?> cancel = cancelAfter(p, timeout);
            return () -> cancel.cancel(false);
        };
        return JdbcRowCursor.openBounded(
                c,
                BoundedSql.wrapped(sql, maxRows),
                maxValueBytes,
                TYPES,
                DuckDbEngine::textSize,
                cancelLate,
                DuckDbErrors::sql);
    }

    /** DuckDB's byte length of a value's text form; fixed-width types need no check. */
    private static Optional<String> textSize(String column, String duckType) {
        String base = duckType.toUpperCase(java.util.Locale.ROOT).replaceAll("\\(.*", "");
        if (FIXED_WIDTH.contains(base)) {
            return Optional.empty();
        }
        return Optional.of("strlen(CAST(" + column + " AS VARCHAR))");
    }

    private static final java.util.Set<String> FIXED_WIDTH = java.util.Set.of(
            "BOOLEAN",
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "UHUGEINT",
            "FLOAT",
            "DOUBLE",
            "DECIMAL",
            "DATE",
            "TIME",
            "TIMESTAMP",
            "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP_S",
            "TIMESTAMP_MS",
            "TIMESTAMP_NS",
            "TIME WITH TIME ZONE",
            "UUID",
            "INTERVAL");

    @Override
    public SqlIdentifiers sqlIdentifiers() {
        return new SqlIdentifiers(SqlIdentifiers.Folding.CASE_INSENSITIVE, "main");
    }

    @Override
    public List<PlanRelation> relationsRead(String sql, Duration timeout) {
        try (Connection c = root.duplicate()) {
            return DuckDbPlanRelations.read(
                    c, BoundedSql.wrapped(sql, 1), statement -> cancelAfter(statement, timeout));
        } catch (SQLException e) {
            throw DuckDbErrors.sql(e);
        }
    }

    /** Cancels the statement once {@code timeout} has passed, unless the returned future is cancelled first. */
    private ScheduledFuture<?> cancelAfter(Statement statement, Duration timeout) {
        return timer.cancelAfter(statement, timeout);
    }

    @Override
    public TableStats stats(TableDef table) {
        return schema.stats(root, table);
    }

    @Override
    public Connection connection() throws SQLException {
        return root.duplicate();
    }

    @Override
    public String allowedFunctionsResource() {
        return DuckDbEngineFactory.ALLOW_LIST;
    }

    @Override
    public void close() {
        timer.close();
        try (Statement s = root.createStatement()) {
            // Everything committed goes into the database file now, not on the next start's WAL replay.
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            LoggerFactory.getLogger(DuckDbEngine.class)
                    .atWarn()
                    .addKeyValue("error", e.getMessage())
                    .log("CHECKPOINT before closing DuckDB failed");
        }
        try {
            root.close();
        } catch (SQLException e) {
            throw ApiException.of(ErrorCode.INTERNAL, "closing DuckDB failed", e);
        }
    }

    /** The rows a write reports a failure at: CKAN names the last row of the (last) batch. */
    private static @Nullable RowBatch lastBatch(WriteRows cmd) {
        return cmd.groups().isEmpty() ? null : cmd.groups().getLast().rows();
    }

    /** A transaction's result and what to publish to the in-memory catalog once it committed. */
    private record Committed<T extends @Nullable Object>(T value, Runnable publish) {}

    @FunctionalInterface
    private interface Work<T extends @Nullable Object> {
        Committed<T> run(DuckDBConnection c) throws SQLException;
    }

    private <T extends @Nullable Object> T inTransaction(Work<T> work, @Nullable RowBatch batch) {
        return inTransaction(work, false, e -> DuckDbErrors.records(e, null, batch));
    }

    /** Runs {@code work} in one transaction and publishes its catalog change once it committed. */
    private <T extends @Nullable Object> T inTransaction(
            Work<T> work, boolean dryRun, Function<SQLException, ApiException> errors) {
        Committed<T> done =
                Jdbc.inTransaction(root::duplicate, "DuckDB", dryRun, c -> work.run((DuckDBConnection) c), errors);
        if (!dryRun) {
            done.publish().run();
        }
        return done.value();
    }
}
