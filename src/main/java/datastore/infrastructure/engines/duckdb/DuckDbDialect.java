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
                    // PostgreSQL's numeric is unbounded; 38 digits with 10 decimals is DuckDB's widest exact type.
                    case NUMERIC -> "DECIMAL(38,10)";
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
        if (type.base().isTextual()) {
            return expr;
        }
        return "CAST(" + expr + " AS " + columnType(type) + ")";
    }

    @Override
    public FullTextSql fullText(SearchQuery.FullText ft, TableDef table) {
        if (!analyzer.supports(ft.language())) {
            throw invalidQuery("text search configuration \"" + ft.language() + "\" does not exist");
        }
        List<Fragment> where = new ArrayList<>();
        Map<String, Fragment> ranks = new LinkedHashMap<>();
        if (ft.all().isPresent()) {
            Optional<TsQuery> q = parse(ft.all().get(), ft.plain(), ft.language());
            where.add(q.map(this::match).orElse(Fragment.of("FALSE")));
            ranks.put("rank", q.map(this::rank).orElse(Fragment.of("0.0")));
        }
        for (Map.Entry<String, String> e : ft.perField().entrySet()) {
            ColumnDef column = table.field(e.getKey()).orElseThrow();
            Optional<TsQuery> q = parse(e.getValue(), true, ft.language());
            if (q.isEmpty()) {
                where.add(Fragment.of("FALSE"));
                ranks.put("rank " + column.id(), Fragment.of("0.0"));
                continue;
            }
            where.add(match(q.get()));
            where.add(fieldMatch(column, q.get()));
            ranks.put("rank " + column.id(), rank(q.get()));
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

    /** Words of a per-field query must also start a word of that column's text. */
    private Fragment fieldMatch(ColumnDef column, TsQuery q) {
        List<Fragment> parts = new ArrayList<>();
        for (TsQuery.Term t : q.positiveTerms()) {
            parts.add(Fragment.of(
                    "regexp_matches(CAST(" + quote(column.id()) + " AS VARCHAR), ?, 'i')",
                    "\\b" + Pattern.quote(t.lexeme())));
        }
        return parts.isEmpty()
                ? Fragment.of("TRUE")
                : Fragment.join(" AND ", parts).wrap("(", ")");
    }

    /** Like ts_rank with normalisation 32 (rank/(rank+1)), from how often the query's words occur. */
    private Fragment rank(TsQuery q) {
        List<Fragment> counts = new ArrayList<>();
        for (TsQuery.Term t : q.positiveTerms()) {
            // Counting tokens (not substrings) so that repeated words each count.
            counts.add(Fragment.of(
                    "len(list_filter(string_split(coalesce(" + FULL_TEXT + ", ''), ' '), x -> "
                            + (t.prefix() ? "starts_with(x, ?)" : "x = ?") + "))",
                    t.lexeme()));
        }
        if (counts.isEmpty()) {
            return Fragment.of("0.0");
        }
        Fragment sum = Fragment.join(" + ", counts).wrap("(", ")");
        return new Fragment(
                "(" + sum.sql() + " * 0.1 / (" + sum.sql() + " * 0.1 + 1.0))", concat(sum.params(), sum.params()));
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
