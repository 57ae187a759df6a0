package datastore.infrastructure.engines;

import java.util.Objects;

/**
 * How an engine's SQL matches relation and CTE names, and the schema its datastore tables live in, so
 * the SQL guard resolves every name exactly as the engine will.
 *
 * @param folding how a name in a query is matched against catalog and CTE names
 * @param tableSchema the schema datastore tables are read from; a plan reading any other schema is refused
 */
public record SqlIdentifiers(Folding folding, String tableSchema) {
    /** The identifier rules of a SQL dialect. */
    public enum Folding {
        /** PostgreSQL: a quoted name is matched exactly, an unquoted one after folding it to lower case. */
        LOWER_UNQUOTED,
        /** DuckDB: every name, quoted or not, is matched ignoring case. */
        CASE_INSENSITIVE
    }

    public SqlIdentifiers {
        Objects.requireNonNull(folding, "folding is null");
        Objects.requireNonNull(tableSchema, "tableSchema is null");
    }
}
