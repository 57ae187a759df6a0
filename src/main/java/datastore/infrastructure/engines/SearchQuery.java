package datastore.infrastructure.engines;

import datastore.schemas.query.FilterOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A validated {@code datastore_search} (or dump, or filtered delete) against one table: every column
 * name in it has been checked against {@link #table()}.
 *
 * @param after a keyset position: one text value (null for SQL NULL) per sort key, the keys of the last
 *     row already seen; only rows after it in the sort order match. Null for none. Counts ignore it.
 */
public record SearchQuery(
        TableDef table,
        List<Selected> columns,
        List<Filter> filters,
        @Nullable FullText fullText,
        List<SortKey> sort,
        int limit,
        int offset,
        boolean distinct,
        @Nullable List<@Nullable String> after) {

    public SearchQuery {
        Objects.requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        filters = List.copyOf(filters);
        sort = List.copyOf(sort);
        after = after == null ? null : Collections.unmodifiableList(new ArrayList<>(after));
        if (after != null && after.size() != sort.size()) {
            throw new IllegalArgumentException("a keyset position needs one value per sort key");
        }
    }

    /** A query without a keyset position. */
    public SearchQuery(
            TableDef table,
            List<Selected> columns,
            List<Filter> filters,
            @Nullable FullText fullText,
            List<SortKey> sort,
            int limit,
            int offset,
            boolean distinct) {
        this(table, columns, filters, fullText, sort, limit, offset, distinct, null);
    }

    public boolean hasWhere() {
        return !filters.isEmpty() || fullText != null || after != null;
    }

    /** An output column: a table column, or a full-text rank. */
    public sealed interface Selected permits Column, Rank {
        String name();
    }

    public record Column(String name) implements Selected {}

    /** A rank output column: {@code rank} for the whole-row query, {@code rank <field>} for a per-field one. */
    public record Rank(String name) implements Selected {}

    /**
     * {@code column = value} (scalar) or {@code column IN values} / array equality (JSON array) with
     * {@link FilterOp#EQUALS}; otherwise the operator applied to the text value (see {@link FilterOp}).
     */
    public record Filter(String column, JsonNode value, FilterOp op) {
        public Filter(String column, JsonNode value) {
            this(column, value, FilterOp.EQUALS);
        }
    }

    /**
     * Full-text conditions: {@code all} (null when absent) matches the whole row, {@code perField} matches
     * one column each; {@code plain} chooses plainto_tsquery over to_tsquery syntax.
     */
    public record FullText(@Nullable String all, Map<String, String> perField, boolean plain, String language) {
        public FullText {
            perField = Collections.unmodifiableMap(new LinkedHashMap<>(perField));
            Objects.requireNonNull(language, "language is null");
        }

        /** The rank columns this query adds, in CKAN's order: {@code rank}, then {@code rank <field>}. */
        public List<String> rankNames() {
            List<String> names = new ArrayList<>();
            if (all != null) {
                names.add("rank");
            }
            perField.keySet().forEach(field -> names.add("rank " + field));
            return names;
        }
    }

    /** Where NULLs sort: the engine default (PostgreSQL's: last ascending, first descending), or as asked. */
    public enum Nulls {
        DEFAULT,
        FIRST,
        LAST
    }

    /** One ORDER BY key. */
    public record SortKey(String name, boolean descending, Nulls nulls) {
        public SortKey {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(nulls, "nulls is null");
        }

        public SortKey(String name, boolean descending) {
            this(name, descending, Nulls.DEFAULT);
        }

        /** Whether NULLs come first, with PostgreSQL's defaults, which CKAN clients see. */
        public boolean nullsFirst() {
            return switch (nulls) {
                case FIRST -> true;
                case LAST -> false;
                case DEFAULT -> descending;
            };
        }
    }
}
