package datastore.services.read;

import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.SearchQuery.Column;
import datastore.infrastructure.engines.SearchQuery.FullText;
import datastore.infrastructure.engines.SearchQuery.Rank;
import datastore.infrastructure.engines.SearchQuery.Selected;
import datastore.infrastructure.engines.SearchQuery.SortKey;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.query.Search;
import datastore.schemas.query.TextQuery;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a search against its table (fields, filters, q columns, sort) and turns it into the engine's
 * {@link SearchQuery}, applying CKAN's defaults: all columns, {@code _id} order, rank order with q.
 */
public final class QueryPlanner {
    private QueryPlanner() {}

    public static SearchQuery plan(Search search, TableDef table, int limit) {
        Problems problems = new Problems();
        Set<String> columns = columnNames(table);
        FullText fullText = fullText(search.fullText(), columns, problems);
        List<String> rankNames = fullText == null ? List.of() : fullText.rankNames();

        List<Selected> selected = new ArrayList<>();
        if (search.fields() != null) {
            // A field named twice would give records with a repeated key; list it once.
            for (String f : new LinkedHashSet<>(search.fields())) {
                if (rankNames.contains(f)) {
                    selected.add(new Rank(f));
                } else if (columns.contains(f)) {
                    selected.add(new Column(f));
                } else {
                    problems.add("fields", "invalid value \"" + Params.printable(f) + "\"");
                }
            }
        } else {
            selected.add(new Column("_id"));
            table.fieldIds().forEach(f -> selected.add(new Column(f)));
            rankNames.forEach(r -> selected.add(new Rank(r)));
        }

        List<SearchQuery.Filter> filters = filters(search.filters(), columns, problems);

        List<SortKey> sort = new ArrayList<>();
        if (search.sort() != null) {
            for (Search.Sort s : search.sort()) {
                if (columns.contains(s.column()) || rankNames.contains(s.column())) {
                    sort.add(new SortKey(s.column(), s.descending(), nulls(s.nulls())));
                } else {
                    problems.add("sort", "invalid value \"" + Params.printable(s.written()) + "\"");
                }
            }
        } else if (!rankNames.isEmpty()) {
            sort.add(new SortKey(rankNames.get(0), true));
        } else if (!search.distinct()) {
            sort.add(new SortKey("_id", false));
        }
        if (search.after() != null && sort.stream().anyMatch(k -> rankNames.contains(k.name()))) {
            problems.add("sort", "a keyset position cannot follow a rank");
        }
        problems.throwIfAny();
        return new SearchQuery(
                table, selected, filters, fullText, sort, limit, search.offset(), search.distinct(), search.after());
    }

    /** A query that only filters (for deletes): no columns, no sort, no paging. */
    public static SearchQuery filtersOnly(TableDef table, List<Search.Filter> filterValues) {
        Problems problems = new Problems();
        List<SearchQuery.Filter> filters = filters(filterValues, columnNames(table), problems);
        problems.throwIfAny();
        return new SearchQuery(table, List.of(), filters, null, List.of(), 0, 0, false);
    }

    private static Set<String> columnNames(TableDef table) {
        Set<String> columns = new HashSet<>(table.fieldIds());
        columns.add("_id");
        return columns;
    }

    private static List<SearchQuery.Filter> filters(
            List<Search.Filter> filterValues, Set<String> columns, Problems problems) {
        List<SearchQuery.Filter> filters = new ArrayList<>();
        for (Search.Filter f : filterValues) {
            if (!columns.contains(f.column())) {
                problems.add("filters", "invalid value \"" + Params.printable(f.column()) + "\"");
            } else {
                filters.add(new SearchQuery.Filter(f.column(), f.value(), f.op()));
            }
        }
        return filters;
    }

    private static SearchQuery.Nulls nulls(Search.Nulls nulls) {
        return switch (nulls) {
            case DEFAULT -> SearchQuery.Nulls.DEFAULT;
            case FIRST -> SearchQuery.Nulls.FIRST;
            case LAST -> SearchQuery.Nulls.LAST;
        };
    }

    private static @Nullable FullText fullText(@Nullable TextQuery text, Set<String> columns, Problems problems) {
        if (text == null) {
            return null;
        }
        Map<String, String> perField = new LinkedHashMap<>();
        text.perField().forEach((col, words) -> {
            if (!columns.contains(col) || col.equals("_id")) {
                problems.add("q", "invalid value \"" + Params.printable(col) + "\"");
            } else {
                perField.put(col, words);
            }
        });
        if (text.all() == null && perField.isEmpty()) {
            return null;
        }
        return new FullText(text.all(), perField, text.plain(), text.language());
    }
}
