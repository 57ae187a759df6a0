package datastore.services.sql;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** A query that passed the guard: the SQL text to execute (re-printed from the parsed tree) and the datastore table ids it reads. */
public record GuardedSql(String sql, Set<String> tables) {
    public GuardedSql {
        Objects.requireNonNull(sql, "sql is null");
        tables = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(tables, "tables is null")));
    }
}
