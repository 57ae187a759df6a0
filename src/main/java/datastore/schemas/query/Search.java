package datastore.schemas.query;

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
        @Nullable Long totalEstimationThreshold) {

    public Search {
        filters = List.copyOf(filters);
        fields = fields == null ? null : List.copyOf(fields);
        sort = sort == null ? null : List.copyOf(sort);
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative");
        }
    }

    /** Every row of a table in the default order, for dumps and deletes. */
    public static Search everything() {
        return new Search(List.of(), null, null, null, Integer.MAX_VALUE, 0, false, false, null);
    }

    /** {@code column = value}, or {@code column IN values} / array equality for a JSON array, as CKAN's filters. */
    public record Filter(String column, tools.jackson.databind.JsonNode value) {
        public Filter {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(value, "value is null");
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
