package datastore.infrastructure.engines;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rows to write, all with the same columns. Values are canonical text (or null) that every engine can
 * cast to the column's type; the service has already validated and normalised them.
 *
 * @param firstRow index of the first row in the caller's request, for error messages
 */
public record RowBatch(List<String> columns, List<@Nullable String[]> rows, int firstRow) {
    public RowBatch {
        columns = List.copyOf(columns);
        Objects.requireNonNull(rows, "rows is null");
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
