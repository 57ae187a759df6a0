package datastore.services.read;

import datastore.schemas.action.SearchRequest;
import datastore.services.stream.OutputField;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A search ready to be written: its header facts and an open row stream that the caller must close
 * once the records are written. The total is worked out on first request, so asked after the records
 * it can often come from the page itself instead of another query.
 */
public final class SearchResult implements AutoCloseable {
    private final String resourceId;
    private final List<OutputField> fields;
    private final int limit;
    private final SearchRequest request;
    private final CursorRows rows;
    private final Supplier<Optional<PageTotal>> totals;
    private Optional<PageTotal> total;

    public SearchResult(
            String resourceId,
            List<OutputField> fields,
            int limit,
            SearchRequest request,
            CursorRows rows,
            Supplier<Optional<PageTotal>> totals) {
        this.resourceId = resourceId;
        this.fields = List.copyOf(fields);
        this.limit = limit;
        this.request = request;
        this.rows = rows;
        this.totals = totals;
    }

    public String resourceId() {
        return resourceId;
    }

    public List<OutputField> fields() {
        return fields;
    }

    public int limit() {
        return limit;
    }

    public SearchRequest request() {
        return request;
    }

    public CursorRows rows() {
        return rows;
    }

    /** The total, absent when the request asked for none. */
    public synchronized Optional<PageTotal> pageTotal() {
        if (total == null) {
            total = totals.get();
        }
        return total;
    }

    public OptionalLong total() {
        return pageTotal().map(t -> OptionalLong.of(t.value())).orElse(OptionalLong.empty());
    }

    public boolean totalWasEstimated() {
        return pageTotal().map(PageTotal::estimated).orElse(false);
    }

    @Override
    public void close() {
        rows.close();
    }
}
