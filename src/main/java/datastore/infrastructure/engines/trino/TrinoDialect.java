package datastore.infrastructure.engines.trino;

import datastore.core.errors.ApiException;
import datastore.core.text.TsQuery;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.fulltext.DocumentMatcher;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import datastore.infrastructure.engines.sql.Fragment;
import datastore.infrastructure.engines.sql.FullTextSql;
import datastore.infrastructure.engines.sql.SqlDialect;
import datastore.infrastructure.engines.sql.TsQuerySql;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Trino's SQL over Iceberg tables: Iceberg's types (numeric, json and interval kept as their exact
 * text), fully qualified table names, {@code OFFSET n LIMIT m}, and full-text matching against the
 * {@code _full_text} column of lexemes the writer maintains (as on DuckDB: Iceberg has no text index).
 */
final class TrinoDialect implements SqlDialect {
    static final String FULL_TEXT = "_full_text";
    private static final Pattern PG_INTEGER = Pattern.compile("\\s*[+-]?\\d+\\s*");
    private static final Pattern PG_NUMERIC =
            Pattern.compile("\\s*(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:nan|[+-]?inf(?:inity)?))\\s*");

    private final String catalog;
    private final String schema;
    private final TextAnalyzer analyzer;

    TrinoDialect(String catalog, String schema, TextAnalyzer analyzer) {
        this.catalog = catalog;
        this.schema = schema;
        this.analyzer = analyzer;
    }

    String schema() {
        return schema;
    }

    /** The schema, qualified by its catalog, for DDL and catalog queries. */
    String qualifiedSchema() {
        return quote(catalog) + "." + quote(schema);
    }

    @Override
    public String table(String tableId) {
        return qualifiedSchema() + "." + quote(tableId);
    }

    @Override
    public String columnType(FieldType type) {
        String base =
                switch (type.base()) {
                    case TEXT, VARCHAR, BPCHAR -> "varchar";
                    // Iceberg has no 16-bit integer; Trino would widen it anyway.
                    case INT2, INT4 -> "integer";
                    case INT8 -> "bigint";
                    case FLOAT4 -> "real";
                    case FLOAT8 -> "double";
                    // PostgreSQL's numeric is unbounded and keeps its scale (1.50); Iceberg's decimal is neither.
                    case NUMERIC -> "varchar";
                    case BOOL -> "boolean";
                    case TIMESTAMP -> "timestamp(6)";
                    case TIMESTAMPTZ -> "timestamp(6) with time zone";
                    case DATE -> "date";
                    case TIME -> "time(6)";
                    // Iceberg has no interval type.
                    case INTERVAL -> "varchar";
                    case UUID -> "uuid";
                    case JSON, JSONB -> "varchar";
                };
        return type.array() ? "array(" + base + ")" : base;
    }

    /** Numeric filters compare as numbers, like {@link #valueExpression}; everything else casts as written. */
    @Override
    public String castParameter(FieldType type) {
        if (type.base() == BaseType.NUMERIC && !type.array()) {
            return "try_cast(? AS double)";
        }
        return castValue("?", type);
    }

    /** The expression turning canonical value text (as the service writes it) into the column's type. */
    String castValue(String textExpr, FieldType type) {
        if (type.array()) {
            // Array values travel as JSON text.
            return "CAST(json_parse(" + textExpr + ") AS " + columnType(type) + ")";
        }
        return switch (type.base()) {
            case TEXT, NUMERIC, VARCHAR, BPCHAR, INTERVAL, JSON, JSONB -> textExpr;
            // Trino reads ISO timestamps with a blank, not a T, between date and time.
            case TIMESTAMP, TIMESTAMPTZ -> "CAST(replace(" + textExpr + ", 'T', ' ') AS " + columnType(type) + ")";
            default -> "CAST(" + textExpr + " AS " + columnType(type) + ")";
        };
    }

    /** Trino's casts are laxer or stricter than PostgreSQL's in places; refuse what PostgreSQL refuses. */
    @Override
    public void checkParameter(FieldType type, String text) {
        if (type.array()) {
            return;
        }
        BaseType base = type.base();
        boolean integer = base == BaseType.INT2 || base == BaseType.INT4 || base == BaseType.INT8;
        if (integer && !PG_INTEGER.matcher(text).matches()
                || base == BaseType.NUMERIC && !PG_NUMERIC.matcher(text).matches()) {
            throw invalidQuery("invalid input syntax for type " + base.formatType() + ": \"" + text + "\"");
        }
    }

    @Override
    public String valueExpression(ColumnDef column) {
        if (column.type().base() == BaseType.NUMERIC && !column.type().array()) {
            return "try_cast(" + quote(column.id()) + " AS double)";
        }
        return quote(column.id());
    }

    @Override
    public String textType() {
        return "varchar";
    }

    @Override
    public String ilike(String textExpr, boolean negated) {
        return "(lower(" + textExpr + ")" + (negated ? " NOT LIKE " : " LIKE ") + "lower(?))";
    }

    @Override
    public String regexMatch(String textExpr) {
        return "regexp_like(" + textExpr + ", ?)";
    }

    @Override
    public String arrayContains(ColumnDef column) {
        String col = quote(column.id());
        if (column.type().array()) {
            return "coalesce(contains(CAST(" + col + " AS array(varchar)), CAST(? AS varchar)), FALSE)";
        }
        // JSON text: an array's elements as text; anything else holds nothing.
        return "coalesce(try(contains(CAST(json_parse(" + col + ") AS array(varchar)), CAST(? AS varchar))), FALSE)";
    }

    /** Trino's paging is {@code OFFSET n LIMIT m}; {@code LIMIT … OFFSET} is a syntax error there. */
    @Override
    public String limitOffset(int limit, int offset) {
        return (offset > 0 ? " OFFSET " + offset : "") + " LIMIT " + limit;
    }

    @Override
    public FullTextSql fullText(SearchQuery.FullText ft, TableDef table) {
        if (!analyzer.supports(ft.language())) {
            throw invalidQuery("text search configuration \"" + ft.language() + "\" does not exist");
        }
        List<Fragment> where = new ArrayList<>();
        Map<String, Fragment> ranks = new LinkedHashMap<>();
        if (ft.all() != null) {
            Optional<TsQuery> q = analyzer.query(ft.all(), ft.plain(), ft.language());
            where.add(q.map(TrinoDialect::match).orElse(Fragment.of("FALSE")));
            ranks.put(
                    "rank",
                    q.map(t -> rank(t, "split(coalesce(" + FULL_TEXT + ", ''), ' ')", true))
                            .orElse(Fragment.of("0.0")));
        }
        for (Map.Entry<String, String> e : ft.perField().entrySet()) {
            ColumnDef column = table.field(e.getKey()).orElseThrow();
            Optional<TsQuery> q = analyzer.query(e.getValue(), ft.plain(), ft.language());
            if (q.isEmpty()) {
                where.add(Fragment.of("FALSE"));
                ranks.put("rank " + column.id(), Fragment.of("0.0"));
                continue;
            }
            String text = "lower(CAST(" + quote(column.id()) + " AS varchar))";
            where.add(flatChain(q.get(), t -> wordStart(t), "_p -> coalesce(regexp_like(" + text + ", _p), FALSE)")
                    .orElseGet(() -> TsQuerySql.booleanSql(
                            q.get(),
                            t -> Fragment.of("regexp_like(" + text + ", ?)", wordStart(t)),
                            "(NOT coalesce(",
                            ", FALSE))")));
            if (TsQuerySql.isConjunction(q.get())) {
                // The row's lexemes confirm whole stemmed words where the column test only sees word starts.
                where.add(match(q.get()));
            }
            ranks.put("rank " + column.id(), rank(q.get(), "regexp_split(" + text + ", '\\W+')", false));
        }
        return new FullTextSql(Fragment.join(" AND ", where).wrap("(", ")"), ranks);
    }

    /** A query against the row's {@code _full_text} lexemes: a term is a whole lexeme, or a lexeme's start. */
    private static Fragment match(TsQuery q) {
        Optional<Fragment> flat =
                flatChain(q, DocumentMatcher::pattern, "_p -> strpos(coalesce(" + FULL_TEXT + ", ''), _p) > 0");
        if (flat.isPresent()) {
            return flat.get();
        }
        return TsQuerySql.booleanSql(
                q,
                t -> Fragment.of("(strpos(coalesce(" + FULL_TEXT + ", ''), ?) > 0)", DocumentMatcher.pattern(t)),
                "(NOT ",
                ")");
    }

    /** Chains longer than this become one lambda over an array: Trino compiles each condition into one method. */
    private static final int FLAT_CHAIN_TERMS = 16;

    /**
     * A long chain of terms under one operator ({@code a | b | … }, {@code a & b & …}) as one {@code
     * any_match}/{@code all_match} over the terms' patterns: as separate conditions, a thousand terms make a
     * filter method larger than the JVM allows ("Method too large").
     */
    private static Optional<Fragment> flatChain(
            TsQuery q, java.util.function.Function<TsQuery.Term, String> pattern, String lambda) {
        boolean or = q instanceof TsQuery.Or;
        if (!(or || q instanceof TsQuery.And)) {
            return Optional.empty();
        }
        List<Object> patterns = new ArrayList<>();
        java.util.Deque<TsQuery> stack = new java.util.ArrayDeque<>();
        stack.push(q);
        while (!stack.isEmpty()) {
            switch (stack.pop()) {
                case TsQuery.Term t -> patterns.add(pattern.apply(t));
                case TsQuery.Or o
                when or -> {
                    stack.push(o.right());
                    stack.push(o.left());
                }
                case TsQuery.And a
                when !or -> {
                    stack.push(a.right());
                    stack.push(a.left());
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (patterns.size() <= FLAT_CHAIN_TERMS) {
            return Optional.empty();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(patterns.size(), "CAST(? AS varchar)"));
        return Optional.of(
                new Fragment((or ? "any_match(ARRAY[" : "all_match(ARRAY[") + marks + "], " + lambda + ")", patterns));
    }

    private static String wordStart(TsQuery.Term t) {
        return "\\b" + Pattern.quote(t.lexeme());
    }

    /**
     * PostgreSQL's ts_rank(…, 32) for unweighted lexemes, as the DuckDB engine computes it: each term
     * scores 0.1·Σ1/j² over its k occurrences among {@code words}, divided by π²/6; the mean r over the
     * terms becomes r/(r+1). Terms travel as one array so the SQL has one lambda whatever their number;
     * lambda parameters start with an underscore, which no user column may.
     */
    private static Fragment rank(TsQuery q, String words, boolean lexemes) {
        List<TsQuery.Term> terms = q.positiveTerms();
        if (terms.isEmpty()) {
            return Fragment.of("0.0");
        }
        List<Fragment> items = new ArrayList<>();
        for (TsQuery.Term t : terms) {
            items.add(Fragment.of("CAST(ROW(?, ?) AS ROW(l varchar, p boolean))", t.lexeme(), t.prefix() || !lexemes));
        }
        String count = "cardinality(filter(" + words + ", _x -> IF(_t.p, starts_with(_x, _t.l), _x = _t.l)))";
        String score = "IF(" + count + " = 0, 0e0, reduce(sequence(1, " + count
                + "), 0e0, (_s, _j) -> _s + 1e0 / (_j * _j), _s -> _s))";
        return Fragment.join(", ", items)
                .wrap(
                        "(transform(ARRAY[reduce(transform(ARRAY[",
                        "], _t -> 0.1e0 * " + score + " / 1.64493406685e0), 0e0, (_a, _b) -> _a + _b, _a -> _a) / "
                                + terms.size() + "e0], _r -> _r / (_r + 1e0))[1])");
    }

    static ApiException invalidQuery(String orig) {
        return ApiException.validation(
                Map.of("query", List.of("Invalid query")), Map.of("info", Map.of("orig", List.of(orig))), null);
    }
}
