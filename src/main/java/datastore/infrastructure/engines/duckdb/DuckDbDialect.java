package datastore.infrastructure.engines.duckdb;

import datastore.core.errors.ApiException;
import datastore.core.text.TsQuery;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import datastore.infrastructure.engines.sql.Fragment;
import datastore.infrastructure.engines.sql.FullTextSql;
import datastore.infrastructure.engines.sql.SqlDialect;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * DuckDB's SQL: its type names, JSON-cast arrays, and full-text matching against the maintained
 * {@code _full_text} column of space-delimited lexemes (see {@link TextAnalyzer#document}).
 */
final class DuckDbDialect implements SqlDialect {
    static final String FULL_TEXT = "_full_text";
    private final TextAnalyzer analyzer;

    DuckDbDialect(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public String columnType(FieldType type) {
        String base =
                switch (type.base()) {
                    case TEXT, VARCHAR, BPCHAR -> "VARCHAR";
                    case INT2 -> "SMALLINT";
                    case INT4 -> "INTEGER";
                    case INT8 -> "BIGINT";
                    case FLOAT4 -> "REAL";
                    case FLOAT8 -> "DOUBLE";
                    // PostgreSQL's numeric is unbounded and keeps its scale (1.50); DuckDB's DECIMAL is neither,
                    // so the exact text is stored and compared or sorted as a number (valueExpression).
                    case NUMERIC -> "VARCHAR";
                    case BOOL -> "BOOLEAN";
                    case TIMESTAMP -> "TIMESTAMP";
                    case TIMESTAMPTZ -> "TIMESTAMPTZ";
                    case DATE -> "DATE";
                    case TIME -> "TIME";
                    case INTERVAL -> "INTERVAL";
                    case UUID -> "UUID";
                    case JSON, JSONB -> "JSON";
                };
        return type.array() ? base + "[]" : base;
    }

    @Override
    public String castParameter(FieldType type) {
        if (type.base() == BaseType.NUMERIC && !type.array()) {
            return "TRY_CAST(? AS DOUBLE)";
        }
        if (type.array()) {
            // Array values travel as JSON text; DuckDB's JSON cast understands quoting and nesting.
            return "CAST(CAST(? AS JSON) AS " + columnType(type) + ")";
        }
        return "CAST(? AS " + columnType(type) + ")";
    }

    /** The cast from a staged VARCHAR column to the column's type. */
    String castColumn(String expr, FieldType type) {
        if (type.array()) {
            return "CAST(CAST(" + expr + " AS JSON) AS " + columnType(type) + ")";
        }
        if (type.base().isTextual() || type.base() == BaseType.NUMERIC) {
            return expr;
        }
        return "CAST(" + expr + " AS " + columnType(type) + ")";
    }

    @Override
    public String valueExpression(ColumnDef column) {
        if (column.type().base() == BaseType.NUMERIC && !column.type().array()) {
            return "TRY_CAST(" + quote(column.id()) + " AS DOUBLE)";
        }
        return quote(column.id());
    }

    @Override
    public FullTextSql fullText(SearchQuery.FullText ft, TableDef table) {
        if (!analyzer.supports(ft.language())) {
            throw invalidQuery("text search configuration \"" + ft.language() + "\" does not exist");
        }
        List<Fragment> where = new ArrayList<>();
        Map<String, Fragment> ranks = new LinkedHashMap<>();
        if (ft.all() != null) {
            Optional<TsQuery> q = parse(ft.all(), ft.plain(), ft.language());
            where.add(q.map(this::match).orElse(Fragment.of("FALSE")));
            ranks.put("rank", q.map(this::rank).orElse(Fragment.of("0.0")));
        }
        for (Map.Entry<String, String> e : ft.perField().entrySet()) {
            ColumnDef column = table.field(e.getKey()).orElseThrow();
            Optional<TsQuery> q = parse(e.getValue(), ft.plain(), ft.language());
            if (q.isEmpty()) {
                where.add(Fragment.of("FALSE"));
                ranks.put("rank " + column.id(), Fragment.of("0.0"));
                continue;
            }
            String text = "lower(CAST(" + quote(column.id()) + " AS VARCHAR))";
            where.add(fieldMatch(text, q.get()));
            if (isConjunction(q.get())) {
                // The row's lexemes confirm whole stemmed words where the column test only sees word starts.
                where.add(match(q.get()));
            }
            ranks.put(
                    "rank " + column.id(),
                    rank(q.get(), t -> Fragment.of("len(regexp_extract_all(" + text + ", ?))", wordStart(t))));
        }
        return new FullTextSql(Fragment.join(" AND ", where).wrap("(", ")"), ranks);
    }

    private Optional<TsQuery> parse(String text, boolean plain, String language) {
        if (plain) {
            return analyzer.plain(text, language);
        }
        return TsQuery.parse(text).flatMap(q -> analyzer.analyze(q, language));
    }

    private Fragment match(TsQuery q) {
        return switch (q) {
            case TsQuery.Term t ->
                Fragment.of("contains(" + FULL_TEXT + ", ?)", t.prefix() ? " " + t.lexeme() : " " + t.lexeme() + " ");
            case TsQuery.And a ->
                Fragment.join(" AND ", List.of(match(a.left()), match(a.right())))
                        .wrap("(", ")");
            case TsQuery.Or o ->
                Fragment.join(" OR ", List.of(match(o.left()), match(o.right())))
                        .wrap("(", ")");
            case TsQuery.Not n -> match(n.operand()).wrap("(NOT ", ")");
        };
    }

    /**
     * A per-field query against that column's own text: each lexeme must start a word there (stems are
     * prefixes of the words they come from, so "book" finds "books").
     */
    private Fragment fieldMatch(String text, TsQuery q) {
        return switch (q) {
            case TsQuery.Term t -> Fragment.of("regexp_matches(" + text + ", ?)", wordStart(t));
            case TsQuery.And a ->
                Fragment.join(" AND ", List.of(fieldMatch(text, a.left()), fieldMatch(text, a.right())))
                        .wrap("(", ")");
            case TsQuery.Or o ->
                Fragment.join(" OR ", List.of(fieldMatch(text, o.left()), fieldMatch(text, o.right())))
                        .wrap("(", ")");
            case TsQuery.Not n -> fieldMatch(text, n.operand()).wrap("(NOT coalesce(", ", FALSE))");
        };
    }

    private static String wordStart(TsQuery.Term t) {
        return "\\b" + Pattern.quote(t.lexeme());
    }

    private static boolean isConjunction(TsQuery q) {
        return switch (q) {
            case TsQuery.Term t -> true;
            case TsQuery.And a -> isConjunction(a.left()) && isConjunction(a.right());
            case TsQuery.Or o -> false;
            case TsQuery.Not n -> false;
        };
    }

    private Fragment rank(TsQuery q) {
        return rank(
                q,
                t -> Fragment.of(
                        // Counting tokens (not substrings) so that repeated words each count.
                        "len(list_filter(string_split(coalesce(" + FULL_TEXT + ", ''), ' '), x -> "
                                + (t.prefix() ? "starts_with(x, ?)" : "x = ?") + "))",
                        t.lexeme()));
    }

    /**
     * PostgreSQL's ts_rank(…, 32) as its OR-ranking computes it for unweighted lexemes: each term scores
     * 0.1·Σ1/j² over its k occurrences, divided by π²/6; the mean over terms r becomes r/(r+1). Exact for
     * one-word queries; for several words PostgreSQL also weighs their distances, which we do not know.
     */
    private static Fragment rank(TsQuery q, java.util.function.Function<TsQuery.Term, Fragment> occurrences) {
        List<TsQuery.Term> terms = q.positiveTerms();
        if (terms.isEmpty()) {
            return Fragment.of("0.0");
        }
        List<Fragment> scores = new ArrayList<>();
        for (TsQuery.Term t : terms) {
            scores.add(occurrences
                    .apply(t)
                    .wrap(
                            "(0.1 * coalesce(list_sum(list_transform(range(1, ",
                            " + 1), j -> 1.0 / (j * j))), 0) / 1.64493406685)"));
        }
        Fragment mean = Fragment.join(" + ", scores).wrap("((", ") / " + terms.size() + ")");
        return new Fragment("(" + mean.sql() + " / (" + mean.sql() + " + 1.0))", concat(mean.params(), mean.params()));
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static ApiException invalidQuery(String orig) {
        return ApiException.validation(
                Map.of("query", List.of("Invalid query")), Map.of("info", Map.of("orig", List.of(orig))), null);
    }
}
