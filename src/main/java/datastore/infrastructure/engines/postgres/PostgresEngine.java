package datastore.infrastructure.engines.postgres;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.AlterTable;
import datastore.infrastructure.engines.ColumnDef;
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
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL engine: CKAN DataStore's own table layout in one schema of a PostgreSQL database,
 * served through a connection pool. The catalog is PostgreSQL's, read once per request, so a database
 * CKAN wrote (or writes) is served as it is.
 */
final class PostgresEngine implements StorageEngine {
    /** Rows per round trip when streaming a result through a server-side cursor. */
    static final int FETCH_SIZE = 1000;

    private static final JdbcRowCursor.ResultTypes TYPES = new JdbcRowCursor.ResultTypes(
            PostgresValues::typname, (nativeType, typname) -> PostgresValues.reader(nativeType));

    private final DataSource pool;
    private final AutoCloseable closePool;
    private final PostgresDialect dialect;
    private final PostgresCatalog catalog;
    private final PostgresSchema schema;
    private final PostgresWriter writer;
    private final QueryBuilder queries;
    private final StatementTimer timer = new StatementTimer("postgres-statement-timeout");

    /**
     * The catalog facts behind each {@link TableDef} this engine handed out, so that a write (or stats)
     * on a table the request already resolved reads the catalog no second time. Keys are weak and
     * compared by identity: an entry lives as long as the request holding its TableDef.
     */
    private final Cache<TableDef, PostgresTable> resolved =
            Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    PostgresEngine(HikariDataSource pool, String schemaName) {
        this(pool, pool, schemaName);
    }

    /** Over any data source; {@code closePool} releases it when the engine closes. */
    PostgresEngine(DataSource pool, AutoCloseable closePool, String schemaName) {
        this.pool = pool;
        this.closePool = closePool;
        this.dialect = new PostgresDialect(schemaName);
        this.catalog = new PostgresCatalog(dialect);
        this.schema = new PostgresSchema(dialect);
        this.writer = new PostgresWriter(dialect);
        this.queries = new QueryBuilder(dialect);
    }

    @Override
    public String name() {
        return PostgresEngineFactory.NAME;
    }

    @Override
    public void ping() {
        Jdbc.ping(pool::getConnection, "PostgreSQL");
    }

    @Override
    public Optional<TableDef> table(String idOrAlias) {
        return TableNames.lookup(idOrAlias, name -> read(c -> catalog.resolve(c, name)))
                .map(this::remember);
    }

    @Override
    public List<TableName> tables() {
        return read(catalog::tables);
    }

    @Override
    public TableDef create(CreateTable cmd) {
        TableNames.require(cmd);
        PostgresTable created = inTransaction(
                c -> {
                    lock(c, cmd.id());
                    // Read again under the lock: the command's view of the table may predate a concurrent create.
                    Optional<PostgresTable> before = catalog.table(c, cmd.id());
                    List<String> oldAliases = before.map(t -> t.def().aliases()).orElse(List.of());
                    boolean reshaped =
                            before.isPresent() && !sameColumns(before.get().def(), cmd);
                    if (before.isEmpty()) {
                        schema.createTable(c, cmd);
                    } else {
                        // Alias views pin the columns they were made with: rebuild them around any change.
                        if (reshaped) {
                            schema.dropViews(c, oldAliases);
                        }
                        schema.alterTable(c, before.get(), cmd);
                    }
                    PostgresTable shaped = catalog.table(c, cmd.id()).orElseThrow();
                    writer.insert(c, shaped, cmd.records());
                    schema.index(c, shaped, cmd);
                    if (cmd.aliases() != null || reshaped) {
                        schema.dropViews(c, oldAliases);
                        schema.createViews(c, cmd.id(), cmd.aliases() != null ? cmd.aliases() : oldAliases);
                    }
                    return catalog.table(c, cmd.id()).orElseThrow();
                },
                false,
                e -> PostgresErrors.records(e, null, cmd.records()));
        return remember(created);
    }

    @Override
    public TableDef alter(AlterTable cmd) {
        String id = cmd.existing().id();
        String to = cmd.renameTo();
        if (to != null) {
            TableNames.require(to, "resource_id");
        }
        PostgresTable altered = inTransaction(
                c -> {
                    lock(c, id);
                    if (to != null) {
                        lock(c, to);
                        if (relationExists(c, to)) {
                            throw ApiException.validation("resource_id", "\"" + to + "\" already exists");
                        }
                    }
                    PostgresTable before = catalog.table(c, id).orElseThrow(() -> ApiException.resourceNotFound(id));
                    List<String> aliases = before.def().aliases();
                    // Alias views pin the columns they were made with (and block retyping them).
                    schema.dropViews(c, aliases);
                    boolean rebuilt = schema.alter(c, before, cmd);
                    PostgresTable shaped = catalog.table(c, cmd.id()).orElseThrow();
                    schema.index(
                            c,
                            shaped,
                            new CreateTable(
                                    cmd.id(),
                                    null,
                                    cmd.fields(),
                                    new RowBatch(List.of(), List.of(), 0),
                                    rebuilt ? cmd.newPrimaryKey() : cmd.primaryKey(),
                                    rebuilt ? cmd.newIndexes() : null,
                                    null));
                    schema.createViews(c, cmd.id(), aliases);
                    return catalog.table(c, cmd.id()).orElseThrow();
                },
                false,
                e -> ApiException.validation(Map.of("alter", List.of(JdbcErrors.firstLine(e))), Map.of(), e));
        return remember(altered);
    }

    private boolean relationExists(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT to_regclass(?)")) {
            p.setString(1, dialect.table(name));
            try (java.sql.ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getString(1) != null;
            }
        }
    }

    private static boolean sameColumns(TableDef before, CreateTable cmd) {
        return before.fieldIds()
                .equals(cmd.columns().stream().map(ColumnDef::id).toList());
    }

    /**
     * Writes into the table the caller resolved: its catalog facts come from that lookup, so a write
     * reads no catalog (CKAN, too, writes to the table it looked up for the request).
     */
    @Override
    public TableDef write(WriteRows cmd) {
        RowBatch last = cmd.groups().isEmpty() ? null : cmd.groups().getLast().rows();
        PostgresTable table = resolved(cmd.table());
        TableDef after = inTransaction(
                c -> {
                    long inserted = 0;
                    for (WriteRows.Group g : cmd.groups()) {
                        inserted += cmd.method() == WriteMethod.INSERT
                                ? writer.insert(c, table, g.rows())
                                : writer.merge(c, table, cmd.method(), g);
                    }
                    return table.def().withRowCount(table.def().rowCount() + inserted);
                },
                cmd.dryRun(),
                e -> PostgresErrors.records(e, table, last));
        return cmd.dryRun() ? after : remember(table.withDef(after));
    }

    @Override
    public long deleteRows(SearchQuery query) {
        PreparedQuery q = queries.delete(query);
        try (Connection c = pool.getConnection();
                PreparedStatement p = Jdbc.prepare(c, q)) {
            return p.executeLargeUpdate();
        } catch (SQLException e) {
            throw PostgresErrors.query(e);
        }
    }

    @Override
    public void drop(TableDef table) {
        String tableId = table.id();
        inTransaction(
                c -> {
                    lock(c, tableId);
                    schema.dropTable(c, tableId);
                    return null;
                },
                false,
                e -> PostgresErrors.records(e, null, null));
    }

    @Override
    public RowCursor search(SearchQuery query) {
        return search(query, null);
    }

    @Override
    public RowCursor search(SearchQuery query, @Nullable Duration timeout) {
        return JdbcRowCursor.openCursor(
                        pool::getConnection,
                        queries.search(query),
                        JdbcRowCursor.typnames(query.table()),
                        TYPES,
                        timer.around(streaming(null), timeout),
                        PostgresErrors::query)
                .until(timeout == null ? null : JdbcRowCursor.Deadline.after(timeout, JdbcErrors::searchTimeout));
    }

    @Override
    public RowCursor facet(SearchQuery query, String column, int limit) {
        return JdbcRowCursor.open(
                pool::getConnection,
                queries.facet(query, column, limit),
                JdbcRowCursor.typnames(query.table()),
                TYPES,
                streaming(null),
                PostgresErrors::query);
    }

    @Override
    public Total count(SearchQuery query, OptionalLong estimationThreshold) {
        return count(query, estimationThreshold, null);
    }

    @Override
    public Total count(SearchQuery query, OptionalLong estimationThreshold, @Nullable Duration timeout) {
        boolean estimable = !query.hasWhere() && !query.distinct() && estimationThreshold.isPresent();
        boolean unanalysed = false;
        if (estimable) {
            long estimate = read(c -> catalog.estimatedRows(c, query.table().id()));
            if (estimate >= 0 && estimate >= estimationThreshold.getAsLong()) {
                return new Total(estimate, true);
            }
            unanalysed = estimate < 0;
        }
        long rows = read(c -> timer.queryLong(c, queries.count(query), timeout));
        // A table never analysed has no estimate yet; its exact count stands in, flagged as CKAN's would be.
        return new Total(rows, unanalysed && rows >= estimationThreshold.getAsLong());
    }

    @Override
    public RowCursor sql(String sql, int maxRows, long maxValueBytes, Duration timeout) {
        Connection c = null;
        try {
            c = pool.getConnection();
            // Read-only, with its timeout, before the query is even described.
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
            }
        } catch (SQLException e) {
            Jdbc.closeQuietly(c);
            throw PostgresErrors.sql(e);
        }
        JdbcRowCursor.Setup fetchInPages = (connection, p) -> {
            p.setFetchSize(FETCH_SIZE);
            return () -> {};
        };
        return JdbcRowCursor.openBounded(
                c,
                BoundedSql.wrapped(sql, maxRows),
                maxValueBytes,
                TYPES,
                PostgresEngine::textSize,
                fetchInPages,
                PostgresErrors::sql);
    }

    private static final java.util.Set<String> FIXED_WIDTH = java.util.Set.of(
            "bool",
            "int2",
            "int4",
            "int8",
            "float4",
            "float8",
            "oid",
            "date",
            "time",
            "timetz",
            "timestamp",
            "timestamptz",
            "interval",
            "uuid",
            "money");

    /** PostgreSQL's byte length of a value's text form; fixed-width types need no check. */
    private static java.util.Optional<String> textSize(String column, String pgType) {
        if (FIXED_WIDTH.contains(pgType)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("octet_length(" + column + "::text)");
    }

    @Override
    public SqlIdentifiers sqlIdentifiers() {
        return new SqlIdentifiers(SqlIdentifiers.Folding.LOWER_UNQUOTED, dialect.schema());
    }

    /**
     * Plans the query as it runs, bounded: with a cap of zero every text constant the planner folds in
     * the output becomes NULL, so the plan the server reads stays small whatever the query computes.
     */
    @Override
    public List<PlanRelation> relationsRead(String sql, Duration timeout) {
        try (Connection c = pool.getConnection()) {
            String wrapped = BoundedSql.wrapped(sql, 1);
            List<String> types = new ArrayList<>();
            Jdbc.describe(c, wrapped, new ArrayList<>(), types);
            return PostgresPlanRelations.read(
                    c, BoundedSql.bounded(wrapped, types, 0, PostgresEngine::textSize), timeout);
        } catch (SQLException e) {
            throw PostgresErrors.sql(e);
        }
    }

    /**
     * A transaction (read-only for user SQL, with its statement timeout) and a fetch size make pgjdbc
     * read through a portal instead of loading the whole result.
     */
    private static JdbcRowCursor.Setup streaming(@Nullable Duration timeout) {
        return (c, p) -> {
            c.setAutoCommit(false);
            if (timeout != null) {
                c.setReadOnly(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                }
            }
            p.setFetchSize(FETCH_SIZE);
            return () -> {};
        };
    }

    @Override
    public TableStats stats(TableDef table) {
        PostgresTable known = resolved(table);
        return read(c -> schema.stats(c, known));
    }

    @Override
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public String allowedFunctionsResource() {
        return PostgresEngineFactory.ALLOW_LIST;
    }

    @Override
    public void close() {
        timer.close();
        Jdbc.closeQuietly(closePool);
    }

    /** Serialises DDL on one table id across processes (two creates of a new id would race otherwise). */
    private static void lock(Connection c, String tableId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7281))")) {
            p.setString(1, tableId);
            p.execute();
        }
    }

    private TableDef remember(PostgresTable table) {
        resolved.put(table.def(), table);
        return table.def();
    }

    /** The catalog facts of a table this engine resolved; looked up only for a TableDef made elsewhere. */
    private PostgresTable resolved(TableDef def) {
        PostgresTable known = resolved.getIfPresent(def);
        if (known != null) {
            return known;
        }
        return read(c -> catalog.table(c, def.id())).orElseThrow(() -> ApiException.resourceNotFound(def.id()));
    }

    private <T> T read(Jdbc.Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw PostgresErrors.query(e);
        }
    }

    /** Runs {@code work} in one transaction; a dry run rolls back after every check has run. */
    private <T extends @Nullable Object> T inTransaction(
            Jdbc.Work<T> work, boolean dryRun, Function<SQLException, ApiException> errors) {
        return Jdbc.inTransaction(pool::getConnection, "PostgreSQL", dryRun, work, errors);
    }
}
