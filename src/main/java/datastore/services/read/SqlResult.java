package datastore.services.read;

import java.util.List;

/** A datastore_search_sql result ready to stream; {@link CursorRows#truncated()} tells after writing. */
public record SqlResult(String sql, List<Column> columns, CursorRows rows) implements AutoCloseable {
    /** A result column as datastore_search_sql reports it: its name and PostgreSQL typname. */
    public record Column(String id, String type) {}

    @Override
    public void close() {
        rows.close();
    }
}
