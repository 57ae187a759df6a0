package datastore.services.validation;

import datastore.schemas.frictionless.RowError;
import datastore.schemas.frictionless.ValidationReport;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch after the schema gate: the records to write, the ones it refused (with their errors), and the
 * Frictionless report (null when the table declares no schema).
 */
public record CheckedRows(
        List<ObjectNode> accepted,
        List<Rejected> rejected,
        @Nullable ValidationReport report) {
    public CheckedRows {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    /** A refused record: its 0-based position in the batch, the record, and its errors. */
    public record Rejected(int index, ObjectNode record, List<RowError> errors) {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    static CheckedRows unchecked(List<ObjectNode> records) {
        return new CheckedRows(records, List.of(), null);
    }
}
