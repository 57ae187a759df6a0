package datastore.services.read;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.SearchQuery.Column;
import datastore.infrastructure.engines.SearchQuery.FullText;
import datastore.infrastructure.engines.SearchQuery.Rank;
import datastore.infrastructure.engines.SearchQuery.Selected;
import datastore.infrastructure.engines.SearchQuery.SortKey;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.action.SearchRequest;
import datastore.schemas.validation.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a search against its table (fields, filters, q columns, sort) and turns it into the engine's
 * {@link SearchQuery}, applying CKAN's defaults: all columns, {@code _id} order, rank order with q.
 */
public final class QueryPlanner {
    private static final Pattern SORT = Pattern.compile(
            "^\\s*(?:\"((?:[^\"]|\"\")+)\"|(\\S+))(?:\\s+(asc|desc))?(?:\\s+nulls\\s+(first|last))?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private QueryPlanner() {}

    public static SearchQuery plan(SearchRequest req, TableDef table, int limit) {
        Problems problems = new Problems();
        Set<String> columns = new HashSet<>(table.fieldIds());
        columns.add("_id");
        Optional<FullText> fullText = fullText(req, columns, problems);
        List<String> rankNames = fullText.map(FullText::rankNames).orElse(List.of());

        List<Selected> selected = new ArrayList<>();
        if (req.fields().isPresent()) {
            // A field named twice would give records with a repeated key; list it once.
            for (String f : new java.util.LinkedHashSet<>(req.fields().get())) {
                if (rankNames.contains(f)) {
                    selected.add(new Rank(f));
                } else if (columns.contains(f)) {
                    selected.add(new Column(f));
                } else {
                    problems.add("fields", "invalid value \"" + f + "\"");
                }
            }
        } else {
            selected.add(new Column("_id"));
            table.fieldIds().forEach(f -> selected.add(new Column(f)));
            rankNames.forEach(r -> selected.add(new Rank(r)));
        }

        List<SearchQuery.Filter> filters = new ArrayList<>();
        req.filters().forEach((col, value) -> {
            if (!columns.contains(col)) {
                problems.add("filters", "invalid value \"" + col + "\"");
            } else {
                filters.add(new SearchQuery.Filter(col, value));
            }
        });

        List<SortKey> sort = new ArrayList<>();
        if (req.sort().isPresent()) {
            for (String clause : req.sort().get()) {
                Optional<SortKey> key = sortKey(clause, columns, rankNames);
                if (key.isEmpty()) {
                    problems.add("sort", "invalid value \"" + clause + "\"");
                } else {
                    sort.add(key.get());
                }
            }
        } else if (!rankNames.isEmpty()) {
            sort.add(new SortKey(rankNames.get(0), true));
        } else if (!req.distinct()) {
            sort.add(new SortKey("_id", false));
        }
        problems.throwIfAny();
        return new SearchQuery(
                table, selected, filters, fullText.orElse(null), sort, limit, req.offset(), req.distinct());
    }

    /** A query that only filters (for deletes): no columns, no sort, no paging. */
    public static SearchQuery filtersOnly(TableDef table, Map<String, JsonNode> filterValues) {
        Problems problems = new Problems();
        Set<String> columns = new HashSet<>(table.fieldIds());
        columns.add("_id");
        List<SearchQuery.Filter> filters = new ArrayList<>();
        filterValues.forEach((col, value) -> {
            if (!columns.contains(col)) {
                problems.add("filters", "invalid value \"" + col + "\"");
            } else {
                filters.add(new SearchQuery.Filter(col, value));
            }
        });
        problems.throwIfAny();
        return new SearchQuery(table, List.of(), filters, null, List.of(), 0, 0, false);
    }

    private static Optional<FullText> fullText(SearchRequest req, Set<String> columns, Problems problems) {
        if (!req.hasFullText()) {
            return Optional.empty();
        }
        Map<String, String> perField = new LinkedHashMap<>();
        req.qFields().forEach((col, text) -> {
            if (!columns.contains(col) || col.equals("_id")) {
                problems.add("q", "invalid value \"" + col + "\"");
            } else {
                perField.put(col, text);
            }
        });
        Optional<String> all = req.q().or(req::fullText);
        if (all.isEmpty() && perField.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FullText(
                all.orElse(null), perField, req.plain(), req.language().toLowerCase(Locale.ROOT)));
    }

    private static Optional<SortKey> sortKey(String clause, Set<String> columns, List<String> rankNames) {
        Matcher m = SORT.matcher(clause);
        String field;
        boolean desc = false;
        SearchQuery.Nulls nulls = SearchQuery.Nulls.DEFAULT;
        if (m.matches()) {
            field = m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2);
            desc = m.group(3) != null && m.group(3).equalsIgnoreCase("desc");
            if (m.group(4) != null) {
                nulls = m.group(4).equalsIgnoreCase("first") ? SearchQuery.Nulls.FIRST : SearchQuery.Nulls.LAST;
            }
        } else {
            // An unquoted name with spaces (e.g. "rank my field") is accepted when it names a column whole.
            field = clause.strip();
        }
        if (columns.contains(field) || rankNames.contains(field)) {
            return Optional.of(new SortKey(field, desc, nulls));
        }
        String whole = clause.strip();
        if (columns.contains(whole) || rankNames.contains(whole)) {
            return Optional.of(new SortKey(whole, false));
        }
        return Optional.empty();
    }

    /** Column definition for a name, including {@code _id}. */
    static Optional<ColumnDef> column(TableDef table, String name) {
        return name.equals("_id") ? Optional.of(ColumnDef.ID) : table.field(name);
    }
}
