package datastore.core.text;

import datastore.core.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL {@code tsquery} expression: terms combined with and, or and not.
 *
 * <p>Phrase operators ({@code <->}, {@code <N>}) are represented as {@link And}, which is looser
 * than PostgreSQL: the operands must all occur, but not necessarily next to each other or in order.
 * Weight restrictions ({@code :A}…{@code :D}) are accepted and ignored.
 */
public sealed interface TsQuery permits TsQuery.Term, TsQuery.And, TsQuery.Or, TsQuery.Not {

    /** PostgreSQL's largest accepted phrase distance {@code <N>}. */
    int MAX_PHRASE_DISTANCE = 16384;

    /** One operand: a lexeme (raw operand text before analysis), optionally a prefix match. */
    record Term(String lexeme, boolean prefix) implements TsQuery {
        public Term {
            Objects.requireNonNull(lexeme, "lexeme is null");
        }

        @Override
        public String toString() {
            return "'" + lexeme.replace("'", "''") + "'" + (prefix ? ":*" : "");
        }
    }

    /** Both operands must match. */
    record And(TsQuery left, TsQuery right) implements TsQuery {
        public And {
            Objects.requireNonNull(left, "left is null");
            Objects.requireNonNull(right, "right is null");
        }

        @Override
        public String toString() {
            return rendered(left, false) + " & " + rendered(right, false);
        }
    }

    /** Either operand must match. */
    record Or(TsQuery left, TsQuery right) implements TsQuery {
        public Or {
            Objects.requireNonNull(left, "left is null");
            Objects.requireNonNull(right, "right is null");
        }

        @Override
        public String toString() {
            return left + " | " + right;
        }
    }

    /** The operand must not match. */
    record Not(TsQuery operand) implements TsQuery {
        public Not {
            Objects.requireNonNull(operand, "operand is null");
        }

        @Override
        public String toString() {
            return "!" + rendered(operand, true);
        }
    }

    /**
     * Parses {@code to_tsquery} syntax. Returns empty for a blank text (PostgreSQL's empty query,
     * which matches no row); throws a 409 {@code {"query": ["Invalid query"]}} on a syntax error.
     */
    static Optional<TsQuery> parse(String text) {
        return TsQueryParser.parse(Objects.requireNonNull(text, "text is null"));
    }

    /** The left-deep {@link And} of the given queries, which must not be empty. */
    static TsQuery allOf(List<? extends TsQuery> queries) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no queries to combine");
        }
        TsQuery result = queries.get(0);
        for (int i = 1; i < queries.size(); i++) {
            result = new And(result, queries.get(i));
        }
        return result;
    }

    /** The terms not under a negation, left to right: those that can contribute to a rank. */
    default List<Term> positiveTerms() {
        List<Term> terms = new ArrayList<>();
        collectPositive(this, false, terms);
        return List.copyOf(terms);
    }

    private static void collectPositive(TsQuery query, boolean negated, List<Term> out) {
        switch (query) {
            case Term term -> {
                if (!negated) {
                    out.add(term);
                }
            }
            case And and -> {
                collectPositive(and.left(), negated, out);
                collectPositive(and.right(), negated, out);
            }
            case Or or -> {
                collectPositive(or.left(), negated, out);
                collectPositive(or.right(), negated, out);
            }
            case Not not -> collectPositive(not.operand(), !negated, out);
        }
    }

    private static String rendered(TsQuery query, boolean underNot) {
        boolean needsParens = query instanceof Or || (underNot && query instanceof And);
        return needsParens ? "( " + query + " )" : query.toString();
    }

    /** The error CKAN reports for any tsquery PostgreSQL rejects. */
    static ApiException invalidQuery() {
        return ApiException.validation("query", "Invalid query");
    }
}
