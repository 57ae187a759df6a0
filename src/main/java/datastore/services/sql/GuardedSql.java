package datastore.services.sql;

import java.util.Set;

/** A query that passed the guard: the SQL to run (re-printed from the checked tree) and the tables it reads. */
public record GuardedSql(String sql, Set<String> tables) {
    public GuardedSql {
        tables = Set.copyOf(tables);
    }
}
