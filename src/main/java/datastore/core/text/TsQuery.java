package datastore.core.text;

import datastore.core.errors.ApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL {@code tsquery} expression: terms combined with and, or and not.
 *
 * <p>Phrase operators ({@code <->}, {@code <N>}) are represented as {@link And}, which is looser
 * than PostgreSQL: the operands must all occur, but not necessarily next to each other or in order.
 * Weight restrictions ({@code :A}…{@code :D}) are accepted and ignored.
 *
 * <p>A query comes from the caller, so nothing here recurses along it: the tree is walked with explicit
 * stacks ({@link #fold}), and the parser refuses queries beyond {@link #MAX_NESTING} and {@link #MAX_TERMS}
 * before any engine sees them.
 */
public sealed interface TsQuery permits TsQuery.Term, TsQuery.And, TsQuery.Or, TsQuery.Not {

    /** PostgreSQL's largest accepted phrase distance {@code <N>}. */
    int MAX_PHRASE_DISTANCE = 16384;

    /**
     * The deepest nesting of parentheses and {@code !} a query may have. PostgreSQL itself refuses more
     * than 32 stacked operators ("tsquery stack too small"), and DuckDB's parser must never see deep SQL.
     */
    int MAX_NESTING = 32;

    /**
     * The most terms a query may have, before or after analysis. PostgreSQL runs out of stack near 16k
     * (and answers "stack depth limit exceeded"); far below that, every engine answers the same 409.
     */
    int MAX_TERMS = 1024;

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
            return render(this);
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
            return render(this);
        }
    }

    /** The operand must not match. */
    record Not(TsQuery operand) implements TsQuery {
        public Not {
            Objects.requireNonNull(operand, "operand is null");
        }

        @Override
        public String toString() {
            return render(this);
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
        // Depth-first, right child pushed first so that terms come out left to right.
        Deque<TsQuery> nodes = new ArrayDeque<>();
        Deque<Boolean> negated = new ArrayDeque<>();
        nodes.push(this);
        negated.push(false);
        while (!nodes.isEmpty()) {
            TsQuery node = nodes.pop();
            boolean neg = negated.pop();
            switch (node) {
                case Term term -> {
                    if (!neg) {
                        terms.add(term);
                    }
                }
                case And and -> push(nodes, negated, neg, and.right(), and.left());
                case Or or -> push(nodes, negated, neg, or.right(), or.left());
                case Not not -> push(nodes, negated, !neg, not.operand());
            }
        }
        return List.copyOf(terms);
    }

    private static void push(Deque<TsQuery> nodes, Deque<Boolean> negated, boolean neg, TsQuery... children) {
        for (TsQuery child : children) {
            nodes.push(child);
            negated.push(neg);
        }
    }

    /** How many terms the query has (negated ones too). */
    default int size() {
        return fold(new Folder<Integer>() {
            @Override
            public Integer term(Term term) {
                return 1;
            }

            @Override
            public Integer and(Integer left, Integer right) {
                return left + right;
            }

            @Override
            public Integer or(Integer left, Integer right) {
                return left + right;
            }

            @Override
            public Integer not(Integer operand) {
                return operand;
            }
        });
    }

    /** A bottom-up computation over a query: one case per kind of node, given its children's results. */
    interface Folder<R> {
        R term(Term term);

        R and(R left, R right);

        R or(R left, R right);

        R not(R operand);
    }

    /**
     * Computes {@code folder} bottom-up over the tree, children left to right, with explicit stacks: a
     * query's depth (a long chain of {@code &} is as deep as it is long) never reaches the thread's stack.
     */
    default <R> R fold(Folder<R> folder) {
        Deque<TsQuery> pending = new ArrayDeque<>();
        Deque<Boolean> expanded = new ArrayDeque<>();
        Deque<R> results = new ArrayDeque<>();
        pending.push(this);
        expanded.push(false);
        while (!pending.isEmpty()) {
            TsQuery node = pending.pop();
            boolean done = expanded.pop();
            if (node instanceof Term term) {
                results.push(folder.term(term));
                continue;
            }
            if (!done) {
                // Visit the node again once its children's results are on the stack.
                pending.push(node);
                expanded.push(true);
                switch (node) {
                    case And and -> push(pending, expanded, false, and.right(), and.left());
                    case Or or -> push(pending, expanded, false, or.right(), or.left());
                    case Not not -> push(pending, expanded, false, not.operand());
                    case Term term -> throw new AssertionError(term);
                }
                continue;
            }
            switch (node) {
                case And and -> {
                    R right = results.pop();
                    results.push(folder.and(results.pop(), right));
                }
                case Or or -> {
                    R right = results.pop();
                    results.push(folder.or(results.pop(), right));
                }
                case Not not -> results.push(folder.not(results.pop()));
                case Term term -> throw new AssertionError(term);
            }
        }
        return results.pop();
    }

    /**
     * PostgreSQL's text form of a query ({@code 'a' & ( 'b' | 'c' )}), written front to back from a
     * stack of pieces still to write: a node, or a literal.
     */
    private static String render(TsQuery root) {
        StringBuilder out = new StringBuilder();
        Deque<Object> pieces = new ArrayDeque<>();
        pieces.push(root);
        while (!pieces.isEmpty()) {
            Object piece = pieces.pop();
            switch (piece) {
                case String literal -> out.append(literal);
                case Term term -> out.append(term);
                // Pushed in reverse: the stack pops them in writing order.
                case And and -> {
                    pushRendered(pieces, and.right(), false);
                    pieces.push(" & ");
                    pushRendered(pieces, and.left(), false);
                }
                case Or or -> {
                    pieces.push(or.right());
                    pieces.push(" | ");
                    pieces.push(or.left());
                }
                case Not not -> {
                    pushRendered(pieces, not.operand(), true);
                    pieces.push("!");
                }
                default -> throw new AssertionError(piece);
            }
        }
        return out.toString();
    }

    private static void pushRendered(Deque<Object> pieces, TsQuery query, boolean underNot) {
        boolean needsParens = query instanceof Or || (underNot && query instanceof And);
        if (needsParens) {
            pieces.push(" )");
            pieces.push(query);
            pieces.push("( ");
        } else {
            pieces.push(query);
        }
    }

    /** The error CKAN reports for any tsquery PostgreSQL rejects. */
    static ApiException invalidQuery() {
        return ApiException.validation("query", "Invalid query");
    }

    /** A full-text query nested deeper than {@link #MAX_NESTING}: a 409 on the search's {@code q}. */
    static ApiException tooDeep() {
        return ApiException.validation(
                "q", "full-text query is nested too deeply (more than " + MAX_NESTING + " levels of parentheses or !)");
    }

    /** A full-text query with more than {@link #MAX_TERMS} terms: a 409 on the search's {@code q}. */
    static ApiException tooManyTerms() {
        return ApiException.validation("q", "full-text query has too many terms (more than " + MAX_TERMS + ")");
    }
}
