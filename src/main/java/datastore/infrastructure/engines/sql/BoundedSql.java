package datastore.infrastructure.engines.sql;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.RowCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SQL that runs a guarded datastore_search_sql query: CKAN's {@code SELECT * FROM (…) AS blah LIMIT n},
 * then an outer SELECT that measures every variable-length value in the database and sends NULL plus a
 * flag instead of any value over the cap, so an oversized value never crosses into the JVM.
 */
public final class BoundedSql {
    private static final String FLAG = "_datastore_oversized";

    /** The size, in bytes of its text form, of one column's values; empty for fixed-width types. */
    @FunctionalInterface
    public interface SizeOf {
        Optional<String> expression(String quotedColumn, String engineType);
    }

    private BoundedSql() {}

    /** CKAN's wrapper: only a SELECT-shaped query fits, and the row cap is the engine's LIMIT. */
    public static String wrapped(String sql, int maxRows) {
        return "SELECT * FROM (" + sql + ") AS blah LIMIT " + maxRows;
    }

    /**
     * The wrapped query with each of its columns (by position, so duplicate or odd names do not matter)
     * replaced by NULL when larger than {@code maxValueBytes}, and a trailing boolean column telling so.
     */
    public static String bounded(String wrapped, List<String> engineTypes, long maxValueBytes, SizeOf sizeOf) {
        List<String> names = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        for (int i = 0; i < engineTypes.size(); i++) {
            String column = "\"c" + (i + 1) + "\"";
            names.add(column);
            Optional<String> size = sizeOf.expression(column, engineTypes.get(i));
            if (size.isPresent()) {
                String over = "(" + size.get() + " > " + maxValueBytes + ")";
                checks.add(over);
                outputs.add("CASE WHEN " + over + " THEN NULL ELSE " + column + " END AS " + column);
            } else {
                outputs.add(column);
            }
        }
        outputs.add((checks.isEmpty() ? "FALSE" : String.join(" OR ", checks)) + " AS " + FLAG);
        return "SELECT " + String.join(", ", outputs) + " FROM (" + wrapped + ") AS bounded(" + String.join(", ", names)
                + ")";
    }

    /** A cursor over the bounded query that refuses, with a 409, the first row holding an oversized value. */
    public static RowCursor checked(RowCursor cursor, int flagIndex, long maxValueBytes) {
        return new Checked(cursor, flagIndex, maxValueBytes);
    }

    /** The refusal of a result value over the cap. */
    public static ApiException valueTooLarge(long maxValueBytes) {
        return ApiException.validation(
                "query",
                "The result holds a value larger than " + maxValueBytes
                        + " bytes, the most this server returns in one value (SQL_VALUE_MAX_BYTES)");
    }

    private static final class Checked implements RowCursor {
        private final RowCursor cursor;
        private final int flagIndex;
        private final long maxValueBytes;
        private final List<ResultColumn> columns;

        Checked(RowCursor cursor, int flagIndex, long maxValueBytes) {
            this.cursor = Objects.requireNonNull(cursor, "cursor is null");
            this.flagIndex = flagIndex;
            this.maxValueBytes = maxValueBytes;
            this.columns = cursor.columns();
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public boolean next() {
            if (!cursor.next()) {
                return false;
            }
            if (Boolean.TRUE.equals(cursor.get(flagIndex))) {
                throw valueTooLarge(maxValueBytes);
            }
            return true;
        }

        @Override
        public @Nullable Object get(int index) {
            return cursor.get(index);
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
