package datastore.infrastructure.engines.sql;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.SearchQuery.Filter;
import datastore.infrastructure.engines.SearchQuery.Selected;
import datastore.infrastructure.engines.SearchQuery.SortKey;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.query.FilterOp;
import datastore.schemas.types.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

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
                : where(q, fts, true);
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
        Fragment where = where(q, fts, false);
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

    /**
     * The most frequent non-null values of {@code column} among the rows the query's filters and full
     * text match, with their counts, by count descending then value ({@link
     * datastore.infrastructure.engines.StorageEngine#facet}). JSON values are grouped by their text.
     */
    public PreparedQuery facet(SearchQuery q, String column, int limit) {
        ColumnDef c = column(q.table(), column);
        Fragment where = where(q, fullText(q), false);
        String value = c.type().base().isJson() && !c.type().array()
                ? "CAST(" + dialect.quote(c.id()) + " AS " + dialect.textType() + ")"
                : dialect.quote(c.id());
        String notNull = dialect.quote(c.id()) + " IS NOT NULL";
        String sql = "SELECT " + value + " AS " + dialect.quote(c.id()) + ", count(*) AS "
                + dialect.quote(datastore.infrastructure.engines.StorageEngine.FACET_COUNT) + " FROM "
                + dialect.table(q.table().id())
                + (where.sql().isEmpty() ? " WHERE " + notNull : where.sql() + " AND " + notNull)
                + " GROUP BY " + value + " ORDER BY count(*) DESC, " + value + " ASC"
                + dialect.limitOffset(limit, 0);
        return new PreparedQuery(sql, where.params());
    }

    /** DELETE of the rows matching the query's filters. */
    public PreparedQuery delete(SearchQuery q) {
        Fragment where = where(q, fullText(q), false);
        return new PreparedQuery("DELETE FROM " + dialect.table(q.table().id()) + where.sql(), where.params());
    }

    /** The WHERE clause (with a leading space) or an empty fragment. */
    public Fragment where(SearchQuery q) {
        return where(q, fullText(q), false);
    }

    private @Nullable FullTextSql fullText(SearchQuery q) {
        return q.fullText() == null ? null : dialect.fullText(q.fullText(), q.table());
    }

    /** The filters and full text; with {@code keyset}, also the keyset position (a page, not a count). */
    private Fragment where(SearchQuery q, @Nullable FullTextSql fts, boolean keyset) {
        List<Fragment> parts = new ArrayList<>();
        for (Filter f : q.filters()) {
            ColumnDef column = column(q.table(), f.column());
            parts.add(f.op() == FilterOp.EQUALS ? filter(column, f.value()) : operator(column, f.op(), f.value()));
        }
        if (fts != null) {
            parts.add(fts.where());
        }
        if (keyset && q.after() != null) {
            parts.add(keyset(q, q.after()));
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

    /**
     * Rows strictly after the keyset position in the query's order: for keys k1..kn and last values
     * v1..vn, {@code (k1 after v1) OR (k1 = v1 AND k2 after v2) OR …}, where "after" follows each key's
     * direction and NULL placement, and a NULL value is matched with IS NULL.
     */
    private Fragment keyset(SearchQuery q, List<@Nullable String> after) {
        List<Fragment> alternatives = new ArrayList<>();
        List<Fragment> equalSoFar = new ArrayList<>();
        for (int i = 0; i < q.sort().size(); i++) {
            SortKey k = q.sort().get(i);
            ColumnDef column = column(q.table(), k.name());
            String lhs = dialect.valueExpression(column);
            @Nullable String v = after.get(i);
            Fragment past;
            Fragment equal;
            if (v == null) {
                past = Fragment.of(k.nullsFirst() ? lhs + " IS NOT NULL" : "FALSE");
                equal = Fragment.of(lhs + " IS NULL");
            } else {
                Fragment value = parameter(column.type(), StringNode.valueOf(v));
                past = value.wrap(
                        "(" + lhs + (k.descending() ? " < " : " > "),
                        (k.nullsFirst() ? ")" : " OR " + lhs + " IS NULL)"));
                equal = value.wrap(lhs + " = ", "");
            }
            List<Fragment> alternative = new ArrayList<>(equalSoFar);
            alternative.add(past);
            alternatives.add(Fragment.join(" AND ", alternative).wrap("(", ")"));
            equalSoFar.add(equal);
        }
        return Fragment.join(" OR ", alternatives).wrap("(", ")");
    }

    /** A Datasette-style column filter: the operator applied to a text value (IN: a JSON array of them). */
    private Fragment operator(ColumnDef column, FilterOp op, JsonNode value) {
        String lhs = dialect.valueExpression(column);
        FieldType type = column.type();
        String text = "CAST(" + lhs + " AS " + dialect.textType() + ")";
        return switch (op) {
            case EQUALS -> filter(column, value);
            case EXACT -> parameter(type, value).wrap(lhs + " = ", "");
            case NOT -> parameter(type, value).wrap(lhs + " <> ", "");
            case GT -> parameter(type, value).wrap(lhs + " > ", "");
            case GTE -> parameter(type, value).wrap(lhs + " >= ", "");
            case LT -> parameter(type, value).wrap(lhs + " < ", "");
            case LTE -> parameter(type, value).wrap(lhs + " <= ", "");
            case CONTAINS -> Fragment.of(dialect.ilike(text, false), "%" + textOf(value) + "%");
            case NOTCONTAINS -> Fragment.of(dialect.ilike(text, true), "%" + textOf(value) + "%");
            case STARTSWITH -> Fragment.of(dialect.ilike(text, false), textOf(value) + "%");
            case ENDSWITH -> Fragment.of(dialect.ilike(text, false), "%" + textOf(value));
            case LIKE -> Fragment.of(dialect.ilike(text, false), textOf(value));
            case NOTLIKE -> Fragment.of(dialect.ilike(text, true), textOf(value));
            case GLOB -> Fragment.of(dialect.regexMatch(text), globRegex(textOf(value)));
            case IN, NOTIN -> {
                List<Fragment> items = new ArrayList<>();
                for (JsonNode v : value) {
                    if (!v.isNull()) {
                        items.add(parameter(type, v));
                    }
                }
                if (items.isEmpty()) {
                    yield Fragment.of(op == FilterOp.IN ? "FALSE" : "TRUE");
                }
                yield Fragment.join(", ", items).wrap(lhs + (op == FilterOp.IN ? " IN (" : " NOT IN ("), ")");
            }
            case ISNULL -> Fragment.of(lhs + " IS NULL");
            case NOTNULL -> Fragment.of(lhs + " IS NOT NULL");
            case ISBLANK -> Fragment.of("(" + lhs + " IS NULL OR " + text + " = '')");
            case NOTBLANK -> Fragment.of("(" + lhs + " IS NOT NULL AND " + text + " <> '')");
            case DATE -> {
                String day = type.base().isTextual() && !type.array()
                        ? "CAST(CAST(" + lhs + " AS TIMESTAMP) AS DATE)"
                        : "CAST(" + lhs + " AS DATE)";
                yield Fragment.of(day + " = CAST(? AS DATE)", textOf(value));
            }
            case ARRAYCONTAINS -> Fragment.of(dialect.arrayContains(column), textOf(value));
            case ARRAYNOTCONTAINS -> Fragment.of("NOT " + dialect.arrayContains(column), textOf(value));
        };
    }

    /**
     * A SQLite GLOB pattern as an anchored regular expression: {@code *} any text, {@code ?} one
     * character, {@code [...]} a class ({@code [^...]} negated), everything else literal.
     */
    public static String globRegex(String glob) {
        // (?s): a wildcard matches newlines too, in PostgreSQL and in RE2 alike.
        StringBuilder re = new StringBuilder("(?s)^");
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String body = glob.substring(i + 1, end);
                boolean negated = body.startsWith("^");
                if (negated) {
                    body = body.substring(1);
                }
                re.append(negated ? "[^" : "[");
                for (char b : body.toCharArray()) {
                    re.append(b == '\\' || b == '[' || b == ']' ? "\\" + b : String.valueOf(b));
                }
                re.append(']');
                i = end;
            } else if ("\\.^$+(){}|[]".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
            i++;
        }
        return re.append('$').toString();
    }

    /** The text a filter value is compared as: CKAN stringifies values for text columns. */
    public static String textOf(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        return value.toString();
    }
}
