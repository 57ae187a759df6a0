package datastore.schemas.frictionless;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of validating rows: {@code castRows} holds each row's cast values in field order (null where a cell is
 * missing or did not cast), ready for writing when {@code valid}. At most {@link #ERROR_LIMIT} errors are kept, as
 * frictionless-py's default {@code limit_errors}.
 */
public record ValidationReport(boolean valid, int rows, List<RowError> errors, List<List<@Nullable Object>> castRows) {
    public static final int ERROR_LIMIT = 1000;

    public ValidationReport {
        errors = List.copyOf(errors);
        List<List<@Nullable Object>> copy = new ArrayList<>(castRows.size());
        for (List<@Nullable Object> row : castRows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        castRows = Collections.unmodifiableList(copy);
    }

    /** {"valid", "stats": {"rows", "errors"}, "warnings", "errors": [...]} in frictionless-py's words. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("valid", valid);
        ObjectNode stats = out.putObject("stats");
        stats.put("rows", rows);
        stats.put("errors", errors.size());
        ArrayNode warnings = out.putArray("warnings");
        if (errors.size() >= ERROR_LIMIT) {
            warnings.add("reached error limit: " + ERROR_LIMIT);
        }
        ArrayNode list = out.putArray("errors");
        errors.forEach(e -> list.add(e.toJson()));
        return out;
    }
}
