package datastore.infrastructure.engines.trino;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.AlterTable;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.PlanRelation;
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
import datastore.infrastructure.engines.jdbc.JdbcRowCursor;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Trino engine: datastore tables as Iceberg tables in one schema of a Trino catalog, reached over
 * JDBC. Iceberg has no keys, sequences or multi-statement transactions, so keys are enforced and
 * {@code _id}s assigned here, under a per-table lock, and each write is one commit (retried when it
 * conflicts with another's); the definitions live in the table comments (see {@link TrinoCatalog}).
 */
final class TrinoEngine implements StorageEngine {
    /** Scratch tables of large batches; never datastore tables (their names start with an underscore). */
    static final String STAGE_PREFIX = "_stage_";

    /** Rows per round trip when streaming a search or dump. */
    static final int FETCH_SIZE = 10_000;

    private static final JdbcRowCursor.ResultTypes TYPES =
            new JdbcRowCursor.ResultTypes(TrinoValues::typname, TrinoValues::reader);

    private static final Set<String> FIXED_WIDTH =
            Set.of("boolean", "tinyint", "smallint", "integer", "bigint", "real", "double", "date", "uuid");

    private final Jdbc.Connections connections;
    private final TrinoDialect dialect;
    private final TrinoCatalog catalog;
    private final TrinoSchema schema;
    private final TrinoWriter writer;
    private final QueryBuilder queries;
    private final TrinoRetry retry = new TrinoRetry(6, 200);
    /** Guards catalog-wide changes (create, drop, aliases); table writes take the table's own lock. */
    private final ReentrantLock ddl = new ReentrantLock();

    TrinoEngine(Jdbc.Connections connections, String catalogName, String schemaName, Duration refresh)
            throws SQLException {
        this.connections = connections;
        TextAnalyzer analyzer = TextAnalyzer.shared();
        this.dialect = new TrinoDialect(catalogName, schemaName, analyzer);
        this.catalog = new TrinoCatalog(dialect, refresh);
        this.schema = new TrinoSchema(dialect);
        this.writer = new TrinoWriter(dialect, analyzer, retry);
        this.queries = new QueryBuilder(dialect);
        try (Connection c = connections.open()) {
            catalog.load(c);
        }
    }

    @Override
    public String name() {
        return TrinoEngineFactory.NAME;
    }

    @Override
    public void ping() {
        Jdbc.ping(connections, "Trino");
    }

    @Override
    public Optional<TableDef> table(String idOrAlias) {
        return TableNames.lookup(idOrAlias, name -> {
            if (catalog.stale() || catalog.resolve(name).isEmpty()) {
                read(c -> {
                    catalog.load(c);
                    return null;
                });
            }
            return catalog.resolve(name).map(this::counted);
        });
    }

    /** The entry's definition with its row count, counted once after a load (Iceberg answers from metadata). */
    private TableDef counted(TrinoCatalog.Entry e) {
        TableDef def = e.def;
        if (def.rowCount() >= 0) {
            return def;
        }
        long rows = read(c -> count(c, def.id()));
        TableDef withCount = def.withRowCount(rows);
        e.def = withCount;
        return withCount;
    }

    private long count(Connection c, String tableId) throws SQLException {
        return Jdbc.queryLong(c, new PreparedQuery("SELECT count(*) FROM " + dialect.table(tableId), List.of()));
    }

    @Override
    public List<TableName> tables() {
        if (catalog.stale()) {
            read(c -> {
                catalog.load(c);
                return null;
            });
        }
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
            read(c -> {
                catalog.load(c);
                return null;
            });
            Optional<TrinoCatalog.Entry> existing = catalog.entry(cmd.id());
            if (existing.isEmpty()) {
                requireFreeName(cmd.id(), "resource_id");
            }
            if (cmd.aliases() != null) {
                for (String alias : cmd.aliases()) {
                    Optional<TrinoCatalog.Entry> owner = catalog.resolve(alias);
                    if (catalog.entry(alias).isPresent()
                            || owner.isPresent() && !owner.get().def.id().equals(cmd.id())) {
                        throw ApiException.validation("alias", "\"" + alias + "\" is already in use");
                    }
                }
            }
            ReentrantLock tableLock = existing.map(e -> e.lock).orElse(null);
            if (tableLock != null) {
                tableLock.lock();
            }
            try {
                return write(c -> create(c, existing.map(e -> e.def).orElse(null), cmd), -1);
            } finally {
                if (tableLock != null) {
                    tableLock.unlock();
                }
            }
        } finally {
            ddl.unlock();
        }
    }

    /** Trino folds names to lower case, so two ids differing only in case would be one Iceberg table. */
    private void requireFreeName(String name, String field) {
        String folded = name.toLowerCase(Locale.ROOT);
        boolean taken = catalog.tables().keySet().stream()
                        .anyMatch(id -> id.toLowerCase(Locale.ROOT).equals(folded))
                || catalog.aliases().keySet().stream()
                        .anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(folded));
        if (taken) {
            throw ApiException.validation(
                    field, "\"" + name + "\" already exists (Trino does not tell names apart by case)");
        }
    }

    private TableDef create(Connection c, @org.jspecify.annotations.Nullable TableDef before, CreateTable cmd)
            throws SQLException {
        TableDef shaped = schema.shape(c, before, cmd);
        try {
            if (cmd.primaryKey() != null && !cmd.primaryKey().isEmpty() && before != null) {
                schema.requireUnique(c, cmd.id(), cmd.primaryKey());
            }
            List<String> pk = cmd.primaryKey() != null ? cmd.primaryKey() : shaped.primaryKey();
            List<List<String>> indexes = cmd.indexes() != null ? cmd.indexes() : shaped.indexes();
            // CKAN lists aliases newest first, which for one call is the reverse of the request.
            List<String> aliases = cmd.aliases() != null ? cmd.aliases().reversed() : shaped.aliases();
            TableDef keyed =
                    new TableDef(cmd.id(), shaped.fields(), pk, indexes, aliases, Math.max(0, shaped.rowCount()));
            long nextId = nextId(c, cmd.id());
            TrinoWriter.Outcome out = writer.write(c, keyed, WriteMethod.INSERT, cmd.records(), pk, nextId, false);
            TableDef after = keyed.withRowCount(count(c, cmd.id()));
            catalog.save(c, after);
            boolean reshaped = before == null || !before.fieldIds().equals(after.fieldIds());
            if (cmd.aliases() != null || reshaped) {
                schema.replaceAliases(c, before == null ? List.of() : before.aliases(), after);
            }
            catalog.publish(after, before == null ? List.of() : before.aliases());
            return after;
        } catch (SQLException | RuntimeException e) {
            if (before == null) {
                // A new table that could not be filled is not left behind half made.
                try {
                    schema.dropTable(c, shaped);
                } catch (SQLException dropFailed) {
                    e.addSuppressed(dropFailed);
                }
            }
            throw e;
        }
    }

    /** The next free {@code _id}, read from the table itself so that it survives restarts and other instances. */
    private long nextId(Connection c, String tableId) throws SQLException {
        return Jdbc.queryLong(
                        c, new PreparedQuery("SELECT coalesce(max(_id), 0) FROM " + dialect.table(tableId), List.of()))
                + 1;
    }

    @Override
    public TableDef alter(AlterTable cmd) {
        String id = cmd.existing().id();
        String to = cmd.renameTo();
        if (to != null) {
            TableNames.require(to, "resource_id");
        }
        ddl.lock();
        try {
            TrinoCatalog.Entry entry = catalog.entry(id).orElseThrow(() -> ApiException.resourceNotFound(id));
            if (to != null && (catalog.entry(to).isPresent() || catalog.isAlias(to))) {
                throw ApiException.validation("resource_id", "\"" + to + "\" already exists");
            }
            if (to != null) {
                requireFreeName(to, "resource_id");
            }
            entry.lock.lock();
            try {
                TableDef after;
                try (Connection c = connections.open()) {
                    after = schema.alter(c, cmd);
                    catalog.save(c, after);
                } catch (SQLException e) {
                    throw ApiException.validation(
                            Map.of("alter", List.of(TrinoErrors.postgresWords(TrinoErrors.message(e)))), Map.of(), e);
                }
                if (to != null) {
                    catalog.forget(id);
                }
                catalog.publish(after, cmd.existing().aliases());
                return after;
            } finally {
                entry.lock.unlock();
            }
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public TableDef write(WriteRows cmd) {
        TrinoCatalog.Entry entry = catalog.entry(cmd.table().id())
                .orElseThrow(() -> ApiException.resourceNotFound(cmd.table().id()));
        entry.lock.lock();
        try {
            int lastRow = cmd.groups().isEmpty()
                    ? 0
                    : cmd.groups().getLast().rows().firstRow()
                            + cmd.groups().getLast().rows().size()
                            - 1;
            return write(
                    c -> {
                        TableDef def = entry.def;
                        long nextId = nextId(c, def.id());
                        long inserted = 0;
                        for (WriteRows.Group g : cmd.groups()) {
                            List<String> keys = cmd.method() == WriteMethod.INSERT ? def.primaryKey() : g.keys();
                            TrinoWriter.Outcome out =
                                    writer.write(c, def, cmd.method(), g.rows(), keys, nextId, cmd.dryRun());
                            inserted += out.inserted();
                            nextId = out.nextId();
                        }
                        if (cmd.dryRun()) {
                            return def.withRowCount(Math.max(0, def.rowCount()) + inserted);
                        }
                        TableDef after = def.withRowCount(count(c, def.id()));
                        entry.def = after;
                        return after;
                    },
                    lastRow);
        } finally {
            entry.lock.unlock();
        }
    }

    @Override
    public long deleteRows(SearchQuery query) {
        TrinoCatalog.Entry entry = catalog.entry(query.table().id())
                .orElseThrow(() -> ApiException.resourceNotFound(query.table().id()));
        entry.lock.lock();
        try (Connection c = connections.open()) {
            PreparedQuery q = queries.delete(query);
            long n;
            try (PreparedStatement p = Jdbc.prepare(c, q)) {
                n = p.executeLargeUpdate();
            }
            entry.def = entry.def.withRowCount(count(c, entry.def.id()));
            return n;
        } catch (SQLException e) {
            throw TrinoErrors.query(e);
        } finally {
            entry.lock.unlock();
        }
    }

    @Override
    public void drop(TableDef table) {
        ddl.lock();
        try {
            TrinoCatalog.Entry entry =
                    catalog.entry(table.id()).orElseThrow(() -> ApiException.resourceNotFound(table.id()));
            entry.lock.lock();
            try (Connection c = connections.open()) {
                schema.dropTable(c, entry.def);
                catalog.forget(table.id());
            } catch (SQLException e) {
                throw TrinoErrors.query(e);
            } finally {
                entry.lock.unlock();
            }
        } finally {
            ddl.unlock();
        }
    }

    @Override
    public RowCursor search(SearchQuery query) {
        return JdbcRowCursor.open(
                connections,
                queries.search(query),
                JdbcRowCursor.typnames(query.table()),
                TYPES,
                TrinoEngine::fetchInPages,
                TrinoErrors::query);
    }

    private static Runnable fetchInPages(Connection c, PreparedStatement p) throws SQLException {
        p.setFetchSize(FETCH_SIZE);
        return () -> {};
    }

    @Override
    public RowCursor facet(SearchQuery query, String column, int limit) {
        return JdbcRowCursor.open(
                connections,
                queries.facet(query, column, limit),
                JdbcRowCursor.typnames(query.table()),
                TYPES,
                JdbcRowCursor.PLAIN,
                TrinoErrors::query);
    }

    /** Totals are counted every time: Iceberg answers an unfiltered count from its manifests. */
    @Override
    public Total count(SearchQuery query, OptionalLong estimationThreshold) {
        long rows = read(c -> Jdbc.queryLong(c, queries.count(query)), TrinoErrors::query);
        boolean unfiltered = !query.hasWhere() && !query.distinct();
        return new Total(
                rows, unfiltered && estimationThreshold.isPresent() && rows >= estimationThreshold.getAsLong());
    }

    /**
     * User SQL runs in a read-only transaction with Trino's own execution time limit, so nothing it
     * says can write even if the guard were fooled.
     */
    @Override
    public RowCursor sql(String sql, int maxRows, long maxValueBytes, Duration timeout) {
        Connection c;
        try {
            c = readOnly(timeout);
        } catch (SQLException e) {
            throw TrinoErrors.sql(e);
        }
        return JdbcRowCursor.openBounded(
                c,
                BoundedSql.wrapped(sql, maxRows),
                maxValueBytes,
                TYPES,
                TrinoEngine::textSize,
                TrinoEngine::fetchInPages,
                TrinoErrors::sql);
    }

    private Connection readOnly(Duration timeout) throws SQLException {
        Connection c = connections.open();
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION query_max_execution_time = '" + Math.max(1, timeout.toSeconds()) + "s'");
            }
            c.setAutoCommit(false);
            c.setReadOnly(true);
            return c;
        } catch (SQLException | RuntimeException e) {
            Jdbc.closeQuietly(c);
            throw e;
        }
    }

    /** Trino's byte length of a value's text form; fixed-width types need no check. */
    private static Optional<String> textSize(String column, String trinoType) {
        String base = trinoType.toLowerCase(Locale.ROOT);
        if (FIXED_WIDTH.contains(base)
                || base.startsWith("decimal")
                || base.startsWith("timestamp")
                || base.startsWith("time")) {
            return Optional.empty();
        }
        if (base.startsWith("varchar") || base.startsWith("char")) {
            return Optional.of("length(to_utf8(" + column + "))");
        }
        if (base.equals("varbinary")) {
            return Optional.of("length(" + column + ")");
        }
        return Optional.of("length(to_utf8(json_format(CAST(" + column + " AS json))))");
    }

    @Override
    public SqlIdentifiers sqlIdentifiers() {
        return new SqlIdentifiers(SqlIdentifiers.Folding.CASE_INSENSITIVE, dialect.schema());
    }

    @Override
    public List<PlanRelation> relationsRead(String sql, Duration timeout) {
        try (Connection c = readOnly(timeout)) {
            return TrinoPlanRelations.read(c, BoundedSql.wrapped(sql, 1));
        } catch (SQLException e) {
            throw TrinoErrors.sql(e);
        }
    }

    @Override
    public TableStats stats(TableDef table) {
        return read(c -> schema.stats(c, table));
    }

    @Override
    public String allowedFunctionsResource() {
        return TrinoEngineFactory.ALLOW_LIST;
    }

    /** Table ids with their write locks, for maintenance. */
    Map<String, TrinoCatalog.Entry> entries() {
        return catalog.tables();
    }

    TrinoDialect dialect() {
        return dialect;
    }

    Jdbc.Connections connections() {
        return connections;
    }

    @Override
    public void close() {
        // Trino JDBC connections are opened per operation; there is no pool to close.
    }

    private <T extends @org.jspecify.annotations.Nullable Object> T read(Jdbc.Work<T> work) {
        return read(work, TrinoErrors::query);
    }

    private <T extends @org.jspecify.annotations.Nullable Object> T read(
            Jdbc.Work<T> work, java.util.function.Function<SQLException, ApiException> errors) {
        Connection c;
        try {
            c = connections.open();
        } catch (SQLException e) {
            throw ApiException.of(ErrorCode.UNAVAILABLE, "Trino connection failed: " + TrinoErrors.message(e), e);
        }
        try (c) {
            return work.run(c);
        } catch (SQLException e) {
            throw errors.apply(e);
        }
    }

    private <T> T write(Jdbc.Work<T> work, int row) {
        return read(work, e -> TrinoErrors.records(e, Math.max(0, row)));
    }
}
