package datastore.infrastructure.engines.duckdb;

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
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * DuckDB's SQL: its type names, JSON-cast arrays, and full-text matching against the maintained
 * {@code _full_text} column of space-delimited lexemes (see {@link TextAnalyzer#document}).
 */
final class DuckDbDialect implements SqlDialect {
    static final String FULL_TEXT = "_full_text";
    /** What PostgreSQL's int2in/int4in/int8in read: optional blanks and sign around decimal digits. */
    private static final Pattern PG_INTEGER = Pattern.compile("\\s*[+-]?\\d+\\s*");
    /** What PostgreSQL's numeric_in reads, special values included. */
    private static final Pattern PG_NUMERIC =
            Pattern.compile("\\s*(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:nan|[+-]?inf(?:inity)?))\\s*");

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

    /**
     * DuckDB rounds {@code '1.5'} into an integer and reads {@code '2e0'} as one, and the numeric filter
     * cast is a TRY_CAST; PostgreSQL refuses all three, so they are refused here with its message.
     */
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
    public String textType() {
        return "VARCHAR";
    }

    @Override
    public String regexMatch(String textExpr) {
        return "regexp_matches(" + textExpr + ", ?)";
    }

    @Override
    public String arrayContains(ColumnDef column) {
        String col = quote(column.id());
        if (column.type().array()) {
            return "list_contains(CAST(" + col + " AS VARCHAR[]), CAST(? AS VARCHAR))";
        }
        // JSON (or JSON text): an array's elements as text; anything else holds nothing.
        String json = "CAST(" + col + " AS JSON)";
        return "(CASE WHEN json_type(" + json + ") = 'ARRAY' THEN list_contains(json_extract_string(" + json
                + ", '$[*]'), CAST(? AS VARCHAR)) ELSE FALSE END)";
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
            where.add(q.map(DuckDbDialect::match).orElse(Fragment.of("FALSE")));
            ranks.put("rank", q.map(DuckDbDialect::rank).orElse(Fragment.of("0.0")));
        }
        for (Map.Entry<String, String> e : ft.perField().entrySet()) {
            ColumnDef column = table.field(e.getKey()).orElseThrow();
            Optional<TsQuery> q = analyzer.query(e.getValue(), ft.plain(), ft.language());
            if (q.isEmpty()) {
                where.add(Fragment.of("FALSE"));
                ranks.put("rank " + column.id(), Fragment.of("0.0"));
                continue;
            }
            String text = "lower(CAST(" + quote(column.id()) + " AS VARCHAR))";
            where.add(fieldMatch(text, q.get()));
            if (TsQuerySql.isConjunction(q.get())) {
                // The row's lexemes confirm whole stemmed words where the column test only sees word starts.
                where.add(match(q.get()));
            }
            ranks.put(
                    "rank " + column.id(),
                    rank(
                            q.get(),
                            t -> Fragment.of("?", wordStart(t)),
                            "_t -> len(regexp_extract_all(" + text + ", _t))"));
        }
        return new FullTextSql(Fragment.join(" AND ", where).wrap("(", ")"), ranks);
    }

    /** A query against the row's {@code _full_text} lexemes: a term is a whole lexeme, or a lexeme's start. */
    private static Fragment match(TsQuery q) {
        return TsQuerySql.booleanSql(
                q, t -> Fragment.of("contains(" + FULL_TEXT + ", ?)", DocumentMatcher.pattern(t)), "(NOT ", ")");
    }

    /**
     * A per-field query against that column's own text: each lexeme must start a word there (stems are
     * prefixes of the words they come from, so "book" finds "books").
     */
    private static Fragment fieldMatch(String text, TsQuery q) {
        return TsQuerySql.booleanSql(
                q, t -> Fragment.of("regexp_matches(" + text + ", ?)", wordStart(t)), "(NOT coalesce(", ", FALSE))");
    }

    private static String wordStart(TsQuery.Term t) {
        return "\\b" + Pattern.quote(t.lexeme());
    }

    /** The rank against the row's lexemes; counting tokens (not substrings) so repeated words each count. */
    private static Fragment rank(TsQuery q) {
        return rank(
                q,
                t -> Fragment.of("{'l': ?, 'p': ?}", t.lexeme(), t.prefix()),
                "_t -> len(list_filter(string_split(coalesce(" + FULL_TEXT + ", ''), ' '),"
                        + " _x -> CASE WHEN _t.p THEN starts_with(_x, _t.l) ELSE _x = _t.l END))");
    }

    /**
     * PostgreSQL's ts_rank(…, 32) as its OR-ranking computes it for unweighted lexemes: each term scores
     * 0.1·Σ1/j² over its k occurrences, divided by π²/6; the mean over terms r becomes r/(r+1). Exact for
     * one-word queries; for several words PostgreSQL also weighs their distances, which we do not know.
     *
     * <p>The terms travel as one list ({@code term} gives an element's SQL, {@code occurrences} is the
     * lambda counting one element) so that the SQL has one lambda whatever the number of terms: DuckDB
     * binds each lambda separately, and a thousand of them take minutes. Lambda parameters start with
     * an underscore, which no user column may, so a column named {@code t} cannot capture one.
     */
    private static Fragment rank(TsQuery q, Function<TsQuery.Term, Fragment> term, String occurrences) {
        List<TsQuery.Term> terms = q.positiveTerms();
        if (terms.isEmpty()) {
            return Fragment.of("0.0");
        }
        return Fragment.join(", ", terms.stream().map(term).toList())
                .wrap(
                        "list_transform([list_sum(list_transform(list_transform([",
                        "], " + occurrences + "), _k -> 0.1 * coalesce(list_sum(list_transform(range(1, _k + 1),"
                                + " _j -> 1.0 / (_j * _j))), 0) / 1.64493406685)) / " + terms.size()
                                + "], _r -> _r / (_r + 1.0))[1]");
    }

    static ApiException invalidQuery(String orig) {
        return ApiException.validation(
                Map.of("query", List.of("Invalid query")), Map.of("info", Map.of("orig", List.of(orig))), null);
    }
}
