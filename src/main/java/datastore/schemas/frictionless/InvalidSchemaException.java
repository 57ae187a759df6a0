package datastore.schemas.frictionless;

import java.util.List;

/** Thrown by {@link TableSchemas#read} when a descriptor is not a valid Table Schema; carries every problem found. */
public final class InvalidSchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable List.copyOf, never serialised in practice
    private final List<SchemaProblem> problems;

    public InvalidSchemaException(List<SchemaProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<SchemaProblem> problems() {
        return problems;
    }

    private static String summary(List<SchemaProblem> problems) {
        StringBuilder out = new StringBuilder("invalid Table Schema:");
        for (SchemaProblem p : problems) {
            out.append(' ')
                    .append(p.pointer().isEmpty() ? "/" : p.pointer())
                    .append(": ")
                    .append(p.message())
                    .append(';');
        }
        return out.toString();
    }
}
