package datastore.infrastructure.engines.jdbc;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.sql.BoundedSql;
import datastore.infrastructure.engines.sql.PreparedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A {@link RowCursor} over a JDBC result set; closing it closes the result, statement and connection. */
public final class JdbcRowCursor implements RowCursor {
    /** Turns the raw JDBC value of one column into the cursor's plain Java value; null for SQL NULL. */
    @FunctionalInterface
    public interface ValueReader {
        @Nullable
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /**
     * How an engine names and reads result columns by their native type name (as ResultSetMetaData
     * reports it); the reader also gets the table column's CKAN typname when the column is one.
     */
    public record ResultTypes(
            Function<String, String> typname, BiFunction<String, @Nullable String, ValueReader> reader) {}

    /**
     * Engine-specific set-up of a prepared statement before it runs (a transaction, a fetch size, a
     * timeout); returns what to undo when the cursor closes or the query fails.
     */
    @FunctionalInterface
    public interface Setup {
        Runnable prepare(Connection c, PreparedStatement p) throws SQLException;
    }

    /** No set-up: the statement runs as prepared. */
    public static final Setup PLAIN = (c, p) -> () -> {};

    private final Connection connection;
    private final Statement statement;
    private final ResultSet resultSet;
    private final List<ResultColumn> columns;
    private final ValueReader[] readers;
    private final @Nullable Object[] row;
    private final Runnable onClose;
    private final Function<SQLException, ApiException> errors;
    private @Nullable Deadline deadline;
    private boolean closed;

    /**
     * When a cursor's time is up, checked on each row: a statement cancel cannot stop a cursor that is
     * idle between fetches (a slow reader of a dump), so reading on past the deadline fails too.
     */
    public record Deadline(long nanoTime, java.util.function.Supplier<ApiException> expired) {
        public static Deadline after(java.time.Duration timeout, java.util.function.Supplier<ApiException> expired) {
            return new Deadline(System.nanoTime() + timeout.toNanos(), expired);
        }
    }

    /** This cursor, failing with the deadline's error once it has passed. */
    public RowCursor until(@Nullable Deadline limit) {
        this.deadline = limit;
        return this;
    }

    private JdbcRowCursor(
            Connection connection,
            Statement statement,
            ResultSet resultSet,
            List<ResultColumn> columns,
            List<ValueReader> readers,
            Runnable onClose,
            Function<SQLException, ApiException> errors) {
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columns = List.copyOf(columns);
        this.readers = readers.toArray(ValueReader[]::new);
        this.row = new Object[this.readers.length];
        this.onClose = onClose;
        this.errors = errors;
    }

    /**
     * Runs a {@code datastore_search_sql} query through {@link BoundedSql} on {@code c} (already set up
     * by the engine: a transaction, a timeout), so no value over {@code maxValueBytes} leaves the database:
     * the query is described for its column names and types, bounded, then run with {@code setup}. The
     * cursor owns the connection; on failure it is closed and the error translated by {@code errors}.
     */
    public static RowCursor openBounded(
            Connection c,
            String wrapped,
            long maxValueBytes,
            ResultTypes types,
            BoundedSql.SizeOf sizeOf,
            Setup setup,
            Function<SQLException, ApiException> errors) {
        PreparedStatement p = null;
        Runnable release = () -> {};
        try {
            List<String> labels = new ArrayList<>();
            List<String> nativeTypes = new ArrayList<>();
            Jdbc.describe(c, wrapped, labels, nativeTypes);
            p = c.prepareStatement(BoundedSql.bounded(wrapped, nativeTypes, maxValueBytes, sizeOf));
            release = setup.prepare(c, p);
            ResultSet rs = p.executeQuery();
            ResultSetMetaData md = rs.getMetaData();
            List<ResultColumn> columns = new ArrayList<>();
            List<ValueReader> readers = new ArrayList<>();
            for (int i = 1; i <= labels.size(); i++) {
                String nativeType = md.getColumnTypeName(i);
                columns.add(new ResultColumn(labels.get(i - 1), types.typname().apply(nativeType)));
                readers.add(types.reader().apply(nativeType, null));
            }
            // The trailing column is BoundedSql's flag: whether a value of the row was over the cap.
            readers.add((r, column) -> r.getBoolean(column));
            return BoundedSql.checked(
                    new JdbcRowCursor(c, p, rs, columns, readers, release, errors), labels.size(), maxValueBytes);
        } catch (SQLException e) {
            release.run();
            Jdbc.closeQuietly(p, c);
            throw errors.apply(e);
        } catch (RuntimeException e) {
            release.run();
            Jdbc.closeQuietly(p, c);
            throw e;
        }
    }

    /**
     * Runs {@code q} on a connection of its own and streams the result; the cursor owns the connection
     * and closes it. {@code typnames} gives the CKAN type of known columns (a table's), {@code errors}
     * translates the engine's failures, while opening and while reading.
     */
    public static RowCursor open(
            Jdbc.Connections connections,
            PreparedQuery q,
            Map<String, String> typnames,
            ResultTypes types,
            Setup setup,
            Function<SQLException, ApiException> errors) {
        return openCursor(connections, q, typnames, types, setup, errors);
    }

    /** As {@link #open}, returning the cursor itself (for {@link #until}). */
    public static JdbcRowCursor openCursor(
            Jdbc.Connections connections,
            PreparedQuery q,
            Map<String, String> typnames,
            ResultTypes types,
            Setup setup,
            Function<SQLException, ApiException> errors) {
        Connection c = null;
        PreparedStatement p = null;
        Runnable release = () -> {};
        try {
            c = connections.open();
            p = Jdbc.prepare(c, q);
            release = setup.prepare(c, p);
            ResultSet rs = p.executeQuery();
            ResultSetMetaData md = rs.getMetaData();
            List<ResultColumn> columns = new ArrayList<>();
            List<ValueReader> readers = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String name = md.getColumnLabel(i);
                String nativeType = md.getColumnTypeName(i);
                String known = typnames.get(name);
                columns.add(new ResultColumn(
                        name, known != null ? known : types.typname().apply(nativeType)));
                readers.add(types.reader().apply(nativeType, known));
            }
            return new JdbcRowCursor(c, p, rs, columns, readers, release, errors);
        } catch (SQLException e) {
            release.run();
            Jdbc.closeQuietly(p, c);
            throw errors.apply(e);
        } catch (RuntimeException e) {
            release.run();
            Jdbc.closeQuietly(p, c);
            throw e;
        }
    }

    /** The CKAN types of a table's result columns: its fields', and {@code _id} as CKAN's search reports it. */
    public static Map<String, String> typnames(TableDef table) {
        Map<String, String> typnames = new HashMap<>();
        for (ColumnDef f : table.fields()) {
            typnames.put(f.id(), f.type().typname());
        }
        typnames.put(ColumnDef.ID.id(), "int");
        return typnames;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        Deadline d = deadline;
        if (d != null && System.nanoTime() - d.nanoTime() > 0) {
            throw d.expired().get();
        }
        try {
            if (!resultSet.next()) {
                return false;
            }
            for (int i = 0; i < readers.length; i++) {
                row[i] = readers[i].read(resultSet, i + 1);
            }
            return true;
        } catch (SQLException e) {
            throw errors.apply(e);
        }
    }

    @Override
    public @Nullable Object get(int index) {
        return row[index];
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection c = connection;
                Statement s = statement;
                ResultSet r = resultSet) {
            onClose.run();
        } catch (SQLException e) {
            throw ApiException.of(ErrorCode.INTERNAL, "closing a cursor failed", e);
        }
    }
}
