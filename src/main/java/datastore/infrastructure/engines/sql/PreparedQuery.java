package datastore.infrastructure.engines.sql;

import java.util.List;

/** A complete statement and its bind parameters, ready for a JDBC PreparedStatement. */
public record PreparedQuery(String sql, List<Object> params) {
    public PreparedQuery {
        params = List.copyOf(params);
    }
}
