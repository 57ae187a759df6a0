package datastore.services.read;

import datastore.infrastructure.engines.RowCursor;
import datastore.services.stream.OutputField;
import datastore.services.stream.RowSource;
import java.util.List;
import java.util.function.BiFunction;

/** A {@link RowSource} over an engine cursor, optionally capped and with values adjusted (by column) on the way. */
public final class CursorRows implements RowSource, AutoCloseable {
    private final RowCursor cursor;
    private final List<OutputField> fields;
    private final long cap;
    private final BiFunction<Integer, Object, Object> adjust;
    private long seen;
    private boolean more;
    private boolean exhausted;

    CursorRows(RowCursor cursor, List<OutputField> fields, long cap, BiFunction<Integer, Object, Object> adjust) {
        this.cursor = cursor;
        this.fields = List.copyOf(fields);
        this.cap = cap;
        this.adjust = adjust;
    }

    CursorRows(RowCursor cursor, List<OutputField> fields) {
        this(cursor, fields, Long.MAX_VALUE, (i, v) -> v);
    }

    @Override
    public List<OutputField> fields() {
        return fields;
    }

    @Override
    public boolean next() {
        if (seen >= cap) {
            more = cursor.next();
            return false;
        }
        boolean has = cursor.next();
        if (has) {
            seen++;
        } else {
            exhausted = true;
        }
        return has;
    }

    @Override
    public Object value(int index) {
        return adjust.apply(index, cursor.get(index));
    }

    /** Rows handed out so far. */
    public long seen() {
        return seen;
    }

    /** True once the cursor reported its end (not merely the cap). */
    public boolean exhausted() {
        return exhausted;
    }

    /** True when rows remained past the cap (known once {@link #next()} returned false). */
    public boolean truncated() {
        return more;
    }

    @Override
    public void close() {
        cursor.close();
    }
}
