package datastore.infrastructure.engines;

import java.util.Objects;

/**
 * One thing the engine's own plan of a query reads: a table (or view, already expanded to its tables)
 * or a table function, with the schema the engine resolved it in ({@code ""} when the engine gives none).
 */
public record PlanRelation(Kind kind, String schema, String name) {
    /** What a plan node reads. */
    public enum Kind {
        TABLE,
        FUNCTION
    }

    public PlanRelation {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(name, "name is null");
    }
}
