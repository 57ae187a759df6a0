package datastore.infrastructure.engines;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A validated {@code datastore_search} (or dump, or filtered delete) against one table: every column
 * name in it has been checked against {@link #table()}.
 */
public record SearchQuery(
        TableDef table,
        List<Selected> columns,
        List<Filter> filters,
        Optional<FullText> fullText,
        List<SortKey> sort,
        int limit,
        int offset,
        boolean distinct) {

    public SearchQuery {
        Objects.requireNonNull(table, "table is null");
        columns = List.copyOf(columns);
        filters = List.copyOf(filters);
        Objects.requireNonNull(fullText, "fullText is null");
        sort = List.copyOf(sort);
    }

    public boolean hasWhere() {
        return !filters.isEmpty() || fullText.isPresent();
    }

    /** An output column: a table column, or a full-text rank. */
    public sealed interface Selected permits Column, Rank {
        String name();
    }

    public record Column(String name) implements Selected {}

    /**
     * A rank output column: {@code rank} for the whole-row query, {@code rank <field>} for a per-field
     * one.
     */
    public record Rank(String name, Optional<String> field) implements Selected {}

    /** {@code column = value} (scalar) or {@code column IN values} / array equality (JSON array). */
    public record Filter(String column, JsonNode value) {}

    /**
     * Full-text conditions: {@code all} matches the whole row, {@code perField} matches one column
     * each; {@code plain} chooses plainto_tsquery over to_tsquery syntax.
     */
    public record FullText(Optional<String> all, Map<String, String> perField, boolean plain, String language) {
        public FullText {
            perField = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perField));
        }
    }

    /** One ORDER BY key; {@code nullsFirst} empty means the engine default. */
    public record SortKey(String name, boolean descending, Optional<Boolean> nullsFirst) {}
}
