package datastore.infrastructure.engines.jdbc;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.RowCursor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A {@link RowCursor} over a JDBC result set; closing it closes the result, statement and connection. */
public final class JdbcRowCursor implements RowCursor {
    /** Turns the raw JDBC value of one column into the cursor's plain Java value. */
    @FunctionalInterface
    public interface ValueReader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    private final Connection connection;
    private final Statement statement;
    private final ResultSet resultSet;
    private final List<ResultColumn> columns;
    private final ValueReader[] readers;
    private final Object[] row;
    private final Runnable onClose;
    private boolean closed;

    public JdbcRowCursor(
            Connection connection,
            Statement statement,
            ResultSet resultSet,
            List<ResultColumn> columns,
            List<ValueReader> readers,
            Runnable onClose) {
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.columns = List.copyOf(columns);
        this.readers = readers.toArray(ValueReader[]::new);
        this.row = new Object[this.readers.length];
        this.onClose = onClose;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        try {
            if (!resultSet.next()) {
                return false;
            }
            for (int i = 0; i < readers.length; i++) {
                row[i] = readers[i].read(resultSet, i + 1);
            }
            return true;
        } catch (SQLException e) {
            throw JdbcErrors.query(e);
        }
    }

    @Override
    public Object get(int index) {
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
