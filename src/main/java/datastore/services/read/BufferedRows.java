package datastore.services.read;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.RowCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A datastore_search_sql result read completely into memory, up to a cap on its (estimated JSON) size,
 * so that a result too large is refused with one clean error before the response starts.
 */
final class BufferedRows implements RowCursor {
    private final List<ResultColumn> columns;
    private final List<@Nullable Object[]> rows;
    private int position = -1;

    private BufferedRows(List<ResultColumn> columns, List<@Nullable Object[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    /** Reads every row of {@code cursor} (which stays the caller's to close), refusing past {@code maxBytes}. */
    static BufferedRows read(RowCursor cursor, long maxBytes) {
        List<ResultColumn> columns = cursor.columns();
        long[] nameBytes = new long[columns.size()];
        for (int i = 0; i < nameBytes.length; i++) {
            // Each record repeats the column names: "name": value,
            nameBytes[i] = columns.get(i).name().length() + 4L;
        }
        List<@Nullable Object[]> rows = new ArrayList<>();
        long bytes = 0;
        while (cursor.next()) {
            @Nullable Object[] row = new Object[nameBytes.length];
            bytes += 2;
            for (int i = 0; i < row.length; i++) {
                row[i] = cursor.get(i);
                bytes += nameBytes[i] + size(row[i]);
            }
            if (bytes > maxBytes) {
                throw tooLarge(maxBytes);
            }
            rows.add(row);
        }
        return new BufferedRows(columns, rows);
    }

    static ApiException tooLarge(long maxBytes) {
        return ApiException.validation(
                "query",
                "The result is larger than " + maxBytes + " bytes, the most this server returns for one query"
                        + " (SQL_RESULT_MAX_BYTES); select fewer rows or columns");
    }

    /** A lower bound of the value's size in the JSON response. */
    private static long size(@Nullable Object value) {
        return switch (value) {
            case null -> 4;
            case String s -> s.length() + 2L;
            case Number n -> 8;
            case Boolean b -> 5;
            case List<?> list -> {
                long total = 2;
                for (Object item : list) {
                    total += size(item) + 1;
                }
                yield total;
            }
            case Map<?, ?> map -> String.valueOf(map).length();
            default -> String.valueOf(value).length() + 2L;
        };
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (position + 1 >= rows.size()) {
            position = rows.size();
            return false;
        }
        position++;
        return true;
    }

    @Override
    public @Nullable Object get(int index) {
        return rows.get(position)[index];
    }

    @Override
    public void close() {}
}
