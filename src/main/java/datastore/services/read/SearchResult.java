package datastore.services.read;

import datastore.schemas.action.SearchRequest;
import datastore.services.stream.OutputField;
import java.util.List;
import java.util.OptionalLong;

/**
 * A search ready to be written: its header facts and an open row stream that the caller must close
 * once the records are written.
 */
public record SearchResult(
        String resourceId,
        List<OutputField> fields,
        OptionalLong total,
        boolean totalWasEstimated,
        int limit,
        SearchRequest request,
        CursorRows rows)
        implements AutoCloseable {
    @Override
    public void close() {
        rows.close();
    }
}
