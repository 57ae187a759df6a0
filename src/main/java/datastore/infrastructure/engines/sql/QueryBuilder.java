package datastore.infrastructure.engines.sql;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.SearchQuery.Filter;
import datastore.infrastructure.engines.SearchQuery.Selected;
import datastore.infrastructure.engines.SearchQuery.SortKey;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one compiler of filters, full-text, sort and paging to SQL, shared by every engine; engine
 * differences come from the {@link SqlDialect}. Values always travel as bind parameters.
 */
public final class QueryBuilder {
    private final SqlDialect dialect;

    public QueryBuilder(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The page of rows a search returns. */
    public PreparedQuery search(SearchQuery q) {
        return search(q, OptionalLong.empty());
    }

    /**
     * The page of rows a search returns; with {@code afterId}, as a keyset seek on the default {@code _id}
     * order ({@code afterId < _id <= afterId + limit}, no OFFSET, so zone maps skip every other row group).
     * The caller vouches that this is the same page: a query with
     * no WHERE, sorted by {@code _id} ascending, on a table whose ids have no gaps, so {@code afterId} is
     * the offset itself.
     */
    public PreparedQuery search(SearchQuery q, OptionalLong afterId) {
        if (afterId.isPresent() && (q.hasWhere() || q.distinct() || !isIdOrder(q))) {
            throw new IllegalArgumentException("a keyset seek needs the default _id order and no WHERE");
        }
        @Nullable FullTextSql fts = fullText(q);
        List<Fragment> select = new ArrayList<>();
        for (Selected s : q.columns()) {
            select.add(
                    switch (s) {
                        case SearchQuery.Column c -> Fragment.of(dialect.quote(c.name()));
                        case SearchQuery.Rank r ->
                            rankExpression(fts, r.name()).wrap("", " AS " + dialect.quote(r.name()));
                    });
        }
        Fragment head = Fragment.join(", ", select).wrap(q.distinct() ? "SELECT DISTINCT " : "SELECT ", "");
        Fragment where = afterId.isPresent()
                ? Fragment.of(" WHERE " + dialect.quote("_id") + " > " + afterId.getAsLong() + " AND "
                        + dialect.quote("_id") + " <= " + (afterId.getAsLong() + q.limit()))
                : where(q, fts);
        Fragment order = orderBy(q, fts);
        List<Object> params = new ArrayList<>(head.params());
        params.addAll(where.params());
        params.addAll(order.params());
        String sql = head.sql() + " FROM " + dialect.table(q.table().id()) + where.sql() + order.sql()
                + dialect.limitOffset(q.limit(), afterId.isPresent() ? 0 : q.offset());
        return new PreparedQuery(sql, params);
    }

    /**
     * A guarded {@code datastore_search_sql} statement capped at {@code maxRows}; CKAN wraps it the same
     * way, so the statement must be one SELECT (the SQL guard has checked that).
     */
    public static PreparedQuery limited(String sql, int maxRows) {
        return new PreparedQuery("SELECT * FROM (" + sql + ") AS blah LIMIT " + maxRows, List.of());
    }

    /** Whether the query is ordered by {@code _id} ascending only (the default sort). */
    public static boolean isIdOrder(SearchQuery q) {
        return q.sort().size() == 1
                && q.sort().getFirst().name().equals("_id")
                && !q.sort().getFirst().descending()
                && !q.sort().getFirst().nullsFirst();
    }

    /** The number of rows the search matches, ignoring paging. */
    public PreparedQuery count(SearchQuery q) {
        @Nullable FullTextSql fts = fullText(q);
        Fragment where = where(q, fts);
        if (q.distinct()) {
            String cols = String.join(
                    ", ",
                    q.columns().stream()
                            .filter(c -> c instanceof SearchQuery.Column)
                            .map(c -> dialect.quote(c.name()))
                            .toList());
            return new PreparedQuery(
                    "SELECT count(*) FROM (SELECT DISTINCT " + (cols.isEmpty() ? "1" : cols) + " FROM "
                            + dialect.table(q.table().id()) + where.sql() + ") AS d",
                    where.params());
        }
        return new PreparedQuery(
                "SELECT count(*) FROM " + dialect.table(q.table().id()) + where.sql(), where.params());
    }

    /** DELETE of the rows matching the query's filters. */
    public PreparedQuery delete(SearchQuery q) {
        Fragment where = where(q, fullText(q));
        return new PreparedQuery("DELETE FROM " + dialect.table(q.table().id()) + where.sql(), where.params());
    }

    /** The WHERE clause (with a leading space) or an empty fragment. */
    public Fragment where(SearchQuery q) {
        return where(q, fullText(q));
    }

    private @Nullable FullTextSql fullText(SearchQuery q) {
        return q.fullText() == null ? null : dialect.fullText(q.fullText(), q.table());
    }

    private Fragment where(SearchQuery q, @Nullable FullTextSql fts) {
        List<Fragment> parts = new ArrayList<>();
        for (Filter f : q.filters()) {
            parts.add(filter(column(q.table(), f.column()), f.value()));
        }
        if (fts != null) {
            parts.add(fts.where());
        }
        if (parts.isEmpty()) {
            return Fragment.of("");
        }
        return Fragment.join(" AND ", parts).wrap(" WHERE ", "");
    }

    private Fragment orderBy(SearchQuery q, @Nullable FullTextSql fts) {
        if (q.sort().isEmpty()) {
            return Fragment.of("");
        }
        List<Fragment> keys = new ArrayList<>();
        for (SortKey k : q.sort()) {
            Fragment expr;
            boolean rankSelected = q.columns().stream()
                    .anyMatch(c -> c instanceof SearchQuery.Rank && c.name().equals(k.name()));
            if (rankSelected) {
                expr = Fragment.of(dialect.quote(k.name()));
            } else if (fts != null && fts.ranks().containsKey(k.name())) {
                expr = fts.ranks().get(k.name());
            } else {
                expr = Fragment.of(dialect.valueExpression(column(q.table(), k.name())));
            }
            boolean nullsFirst = k.nullsFirst();
            keys.add(
                    expr.wrap("", (k.descending() ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST")));
        }
        return Fragment.join(", ", keys).wrap(" ORDER BY ", "");
    }

    private static Fragment rankExpression(@Nullable FullTextSql fts, String name) {
        if (fts == null || !fts.ranks().containsKey(name)) {
            return Fragment.of("NULL");
        }
        return fts.ranks().get(name);
    }

    private static ColumnDef column(TableDef table, String name) {
        if (name.equals(ColumnDef.ID.id())) {
            return ColumnDef.ID;
        }
        return table.field(name).orElseThrow(() -> new IllegalArgumentException("unknown column " + name));
    }

    private Fragment filter(ColumnDef column, JsonNode value) {
        String lhs = dialect.valueExpression(column);
        FieldType type = column.type();
        if (value.isArray() && !type.array()) {
            List<Fragment> items = new ArrayList<>();
            for (JsonNode v : value) {
                if (!v.isNull()) {
                    items.add(parameter(type, v));
                }
            }
            if (items.isEmpty()) {
                return Fragment.of("FALSE");
            }
            return Fragment.join(", ", items).wrap(lhs + " IN (", ")");
        }
        if (value.isNull()) {
            return Fragment.of("FALSE");
        }
        return parameter(type, value).wrap(lhs + " = ", "");
    }

    private Fragment parameter(FieldType type, JsonNode value) {
        String text = textOf(value);
        if (type.base().isTextual() && !type.array()) {
            return Fragment.of("?", text);
        }
        dialect.checkParameter(type, text);
        return Fragment.of(dialect.castParameter(type), text);
    }

    /** The text a filter value is compared as: CKAN stringifies values for text columns. */
    public static String textOf(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        return value.toString();
    }
}
