package datastore.infrastructure.engines.postgres;

import com.zaxxer.hikari.HikariDataSource;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.RowCursor.ResultColumn;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.TableName;
import datastore.infrastructure.engines.TableStats;
import datastore.infrastructure.engines.Total;
import datastore.infrastructure.engines.WriteRows;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import datastore.infrastructure.engines.jdbc.JdbcRowCursor;
import datastore.infrastructure.engines.sql.PreparedQuery;
import datastore.infrastructure.engines.sql.QueryBuilder;
import datastore.schemas.action.WriteMethod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The PostgreSQL engine: CKAN DataStore's own table layout in one schema of a PostgreSQL database,
 * served through a connection pool. The catalog is PostgreSQL's, read per request, so a database CKAN
 * wrote (or writes) is served as it is.
 */
final class PostgresEngine implements StorageEngine {
    /** Rows per round trip when streaming a result through a server-side cursor. */
    static final int FETCH_SIZE = 1000;

    private final HikariDataSource pool;
    private final PostgresDialect dialect;
    private final PostgresCatalog catalog;
    private final PostgresSchema schema;
    private final PostgresWriter writer;
    private final QueryBuilder queries;

    PostgresEngine(HikariDataSource pool, String schemaName) {
        this.pool = pool;
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
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        } catch (SQLException e) {
            throw ApiException.of(ErrorCode.UNAVAILABLE, "PostgreSQL is not answering: " + JdbcErrors.firstLine(e), e);
        }
    }

    @Override
    public Optional<TableDef> table(String idOrAlias) {
        return read(c -> catalog.resolve(c, idOrAlias).map(PostgresTable::def));
    }

    @Override
    public List<TableName> tables() {
        return read(catalog::tables);
    }

    @Override
    public TableDef create(CreateTable cmd) {
        return inTransaction(
                c -> {
                    lock(c, cmd.id());
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
                    return catalog.table(c, cmd.id()).orElseThrow().def();
                },
                false,
                cmd.records());
    }

    private static boolean sameColumns(TableDef before, CreateTable cmd) {
        return before.fieldIds()
                .equals(cmd.columns().stream().map(ColumnDef::id).toList());
    }

    @Override
    public TableDef write(WriteRows cmd) {
        return inTransaction(
                c -> {
                    PostgresTable table = catalog.table(c, cmd.table().id())
                            .orElseThrow(() ->
                                    ApiException.resourceNotFound(cmd.table().id()));
                    for (WriteRows.Group g : cmd.groups()) {
                        if (cmd.method() == WriteMethod.INSERT) {
                            writer.insert(c, table, g.rows());
                        } else {
                            writer.merge(c, table, cmd.method(), g);
                        }
                    }
                    return catalog.table(c, cmd.table().id()).orElseThrow().def();
                },
                cmd.dryRun(),
                cmd.groups().isEmpty()
                        ? null
                        : cmd.groups().get(cmd.groups().size() - 1).rows());
    }

    @Override
    public long deleteRows(SearchQuery query) {
        PreparedQuery q = queries.delete(query);
        try (Connection c = pool.getConnection();
                PreparedStatement p = prepare(c, q)) {
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
                null);
    }

    @Override
    public RowCursor search(SearchQuery query) {
        Map<String, String> typnames = new HashMap<>();
        query.table().fields().forEach(f -> typnames.put(f.id(), f.type().typname()));
        typnames.put("_id", "int");
        return open(queries.search(query), typnames, PostgresErrors::query, null);
    }

    @Override
    public Total count(SearchQuery query, OptionalLong estimationThreshold) {
        boolean estimable = !query.hasWhere() && !query.distinct() && estimationThreshold.isPresent();
        boolean unanalysed = false;
        if (estimable) {
            long estimate = read(c -> catalog.estimatedRows(c, query.table().id()));
            if (estimate >= 0 && estimate >= estimationThreshold.getAsLong()) {
                return new Total(estimate, true);
            }
            unanalysed = estimate < 0;
        }
        PreparedQuery q = queries.count(query);
        try (Connection c = pool.getConnection();
                PreparedStatement p = prepare(c, q);
                ResultSet rs = p.executeQuery()) {
            rs.next();
            long rows = rs.getLong(1);
            // A table never analysed has no estimate yet; its exact count stands in, flagged as CKAN's would be.
            return new Total(rows, unanalysed && rows >= estimationThreshold.getAsLong());
        } catch (SQLException e) {
            throw PostgresErrors.query(e);
        }
    }

    @Override
    public RowCursor sql(String sql, int maxRows, Duration timeout) {
        PreparedQuery q = new PreparedQuery("SELECT * FROM (" + sql + ") AS blah LIMIT " + maxRows, List.of());
        return open(q, Map.of(), PostgresErrors::sql, timeout);
    }

    /**
     * Opens a streaming cursor: a transaction (read-only for user SQL, with its statement timeout) and a
     * fetch size make pgjdbc read through a portal instead of loading the whole result.
     */
    private RowCursor open(
            PreparedQuery q,
            Map<String, String> typnames,
            Function<SQLException, ApiException> errors,
            Duration timeout) {
        Connection c = null;
        PreparedStatement p = null;
        try {
            c = pool.getConnection();
            c.setAutoCommit(false);
            if (timeout != null) {
                c.setReadOnly(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                }
            }
            p = prepare(c, q);
            p.setFetchSize(FETCH_SIZE);
            ResultSet rs = p.executeQuery();
            ResultSetMetaData md = rs.getMetaData();
            List<ResultColumn> columns = new ArrayList<>();
            List<JdbcRowCursor.ValueReader> readers = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnLabel(i);
                String postgresType = md.getColumnTypeName(i);
                columns.add(new ResultColumn(name, typnames.getOrDefault(name, PostgresValues.typname(postgresType))));
                readers.add(PostgresValues.reader(postgresType));
            }
            return new JdbcRowCursor(c, p, rs, columns, readers, () -> {});
        } catch (SQLException e) {
            closeQuietly(p, c);
            throw errors.apply(e);
        } catch (RuntimeException e) {
            closeQuietly(p, c);
            throw e;
        }
    }

    @Override
    public TableStats stats(TableDef table) {
        return read(c -> schema.stats(c, catalog.table(c, table.id()).orElseThrow()));
    }

    @Override
    public String allowedFunctionsResource() {
        return PostgresEngineFactory.ALLOW_LIST;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Serialises DDL on one table id across processes (two creates of a new id would race otherwise). */
    private static void lock(Connection c, String tableId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 7281))")) {
            p.setString(1, tableId);
            p.execute();
        }
    }

    private static PreparedStatement prepare(Connection c, PreparedQuery q) throws SQLException {
        PreparedStatement p = c.prepareStatement(q.sql());
        List<Object> params = q.params();
        for (int i = 0; i < params.size(); i++) {
            p.setObject(i + 1, params.get(i));
        }
        return p;
    }

    private static void closeQuietly(Statement p, Connection c) {
        try {
            if (p != null) {
                p.close();
            }
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // Already failing; the original error is the one to report.
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw PostgresErrors.query(e);
        }
    }

    /** Runs {@code work} in one transaction; a dry run rolls back after every check has run. */
    private <T> T inTransaction(Work<T> work, boolean dryRun, RowBatch batch) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T value = work.run(c);
                if (dryRun) {
                    c.rollback();
                } else {
                    c.commit();
                }
                return value;
            } catch (SQLException e) {
                rollback(c);
                throw PostgresErrors.records(e, batch == null ? new RowBatch(List.of(), List.of(), 0) : batch);
            } catch (RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw ApiException.of(ErrorCode.UNAVAILABLE, "PostgreSQL connection failed: " + JdbcErrors.firstLine(e), e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // A failed rollback leaves nothing committed; the write error is what the caller needs.
        }
    }
}
