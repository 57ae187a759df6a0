package datastore.schemas.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A search of one table as every surface asks for it, already checked for everything that does not need
 * the table: which rows (filters, full text), which columns, in which order, which page, and whether to
 * count. Column names are checked against the table when the search is planned.
 *
 * @param fields the columns to return, in order; null for every column (and the rank columns of a full-text search)
 * @param sort the order; null for the default (rank with full text, else {@code _id})
 * @param totalEstimationThreshold from which row count an unfiltered total may be an estimate; null for always exact
 * @param after a keyset position: the sort-key values (as text, null for SQL NULL) of the last row of the
 *     previous page, one per {@link #sort} key; only rows strictly after it in that order are returned.
 *     The sort must end in a unique key for this to be stable. Null for no keyset condition.
 */
public record Search(
        List<Filter> filters,
        @Nullable TextQuery fullText,
        @Nullable List<String> fields,
        @Nullable List<Sort> sort,
        int limit,
        int offset,
        boolean distinct,
        boolean includeTotal,
        @Nullable Long totalEstimationThreshold,
        @Nullable List<@Nullable String> after) {

    public Search {
        filters = List.copyOf(filters);
        fields = fields == null ? null : List.copyOf(fields);
        sort = sort == null ? null : List.copyOf(sort);
        after = after == null ? null : Collections.unmodifiableList(new ArrayList<>(after));
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
        if (after != null && (sort == null || sort.size() != after.size())) {
            throw new IllegalArgumentException("a keyset position needs one value per sort key");
        }
    }

    /** A search without a keyset position. */
    public Search(
            List<Filter> filters,
            @Nullable TextQuery fullText,
            @Nullable List<String> fields,
            @Nullable List<Sort> sort,
            int limit,
            int offset,
            boolean distinct,
            boolean includeTotal,
            @Nullable Long totalEstimationThreshold) {
        this(filters, fullText, fields, sort, limit, offset, distinct, includeTotal, totalEstimationThreshold, null);
    }

    /** Every row of a table in the default order, for dumps and deletes. */
    public static Search everything() {
        return new Search(List.of(), null, null, null, Integer.MAX_VALUE, 0, false, false, null);
    }

    /**
     * One condition on a column. With {@link FilterOp#EQUALS} (CKAN's filters): {@code column = value}, or
     * {@code column IN values} / array equality for a JSON array. The other operators take a text value
     * ({@link FilterOp#IN}/{@link FilterOp#NOTIN} a JSON array of them; unary ones ignore it).
     */
    public record Filter(String column, tools.jackson.databind.JsonNode value, FilterOp op) {
        public Filter {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(value, "value is null");
            Objects.requireNonNull(op, "op is null");
        }

        /** CKAN's filter: equality, or IN for a JSON array. */
        public Filter(String column, tools.jackson.databind.JsonNode value) {
            this(column, value, FilterOp.EQUALS);
        }
    }

    /**
     * One ORDER BY key.
     *
     * @param written how the caller wrote it, for messages that name it
     */
    public record Sort(String column, boolean descending, Nulls nulls, String written) {
        public Sort {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(nulls, "nulls is null");
            Objects.requireNonNull(written, "written is null");
        }
    }

    /** Where NULLs sort: the default (PostgreSQL's: last ascending, first descending), or as asked. */
    public enum Nulls {
        DEFAULT,
        FIRST,
        LAST
    }
}
