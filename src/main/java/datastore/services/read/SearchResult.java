package datastore.services.read;

import datastore.schemas.query.Search;
import datastore.services.stream.OutputField;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A search ready to be written: its header facts and an open row stream that the caller must close
 * once the records are written. The total is worked out on first request, so asked after the records
 * it can often come from the page itself instead of another query.
 */
public final class SearchResult implements AutoCloseable {
    private final String resourceId;
    private final List<OutputField> fields;
    private final Search search;
    private final CursorRows rows;
    private final Supplier<@Nullable PageTotal> totals;
    private boolean totalKnown;
    private @Nullable PageTotal total;

    public SearchResult(
            String resourceId,
            List<OutputField> fields,
            Search search,
            CursorRows rows,
            Supplier<@Nullable PageTotal> totals) {
        this.resourceId = Objects.requireNonNull(resourceId, "resourceId is null");
        this.fields = List.copyOf(fields);
        this.search = Objects.requireNonNull(search, "search is null");
        this.rows = Objects.requireNonNull(rows, "rows is null");
        this.totals = Objects.requireNonNull(totals, "totals is null");
    }

    public String resourceId() {
        return resourceId;
    }

    public List<OutputField> fields() {
        return fields;
    }

    /** The search as it was run. */
    public Search search() {
        return search;
    }

    public int limit() {
        return search.limit();
    }

    public CursorRows rows() {
        return rows;
    }

    /** The total; null when the search asked for none. */
    public synchronized @Nullable PageTotal pageTotal() {
        if (!totalKnown) {
            total = totals.get();
            totalKnown = true;
        }
        return total;
    }

    public OptionalLong total() {
        PageTotal t = pageTotal();
        return t == null ? OptionalLong.empty() : OptionalLong.of(t.value());
    }

    public boolean totalWasEstimated() {
        PageTotal t = pageTotal();
        return t != null && t.estimated();
    }

    @Override
    public void close() {
        rows.close();
    }
}
