package datastore.infrastructure.engines.sql;

import datastore.core.text.TsQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * The and/or/not structure of an analysed full-text query as SQL, for engines that match stored
 * lexemes themselves (DuckDB, Trino); each engine supplies the SQL of one term.
 */
public final class TsQuerySql {
    private TsQuerySql() {}

    /**
     * The SQL of a query's and/or/not structure over {@code term}'s SQL, written front to back from a
     * stack of pieces still to write (a node, or literal SQL): nothing recurses along the caller's query.
     * A chain of one operator ({@code a & b & c}, as deep as it is long) becomes one flat list, so the SQL
     * is only as deep as the query's nesting, which the parser bounds.
     */
    public static Fragment booleanSql(
            TsQuery q, Function<TsQuery.Term, Fragment> term, String notOpen, String notClose) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        Deque<Object> pieces = new ArrayDeque<>();
        pieces.push(q);
        while (!pieces.isEmpty()) {
            switch (pieces.pop()) {
                case String literal -> sql.append(literal);
                case TsQuery.Term t -> {
                    Fragment f = term.apply(t);
                    sql.append(f.sql());
                    params.addAll(f.params());
                }
                case TsQuery.Not n -> {
                    pieces.push(notClose);
                    pieces.push(n.operand());
                    pieces.push(notOpen);
                }
                case TsQuery.And a -> pushChain(pieces, a, " AND ");
                case TsQuery.Or o -> pushChain(pieces, o, " OR ");
                default -> throw new IllegalStateException("not a query piece");
            }
        }
        return new Fragment(sql.toString(), params);
    }

    /** Whether the query is terms joined by and only. */
    public static boolean isConjunction(TsQuery q) {
        return q.fold(new TsQuery.Folder<Boolean>() {
            @Override
            public Boolean term(TsQuery.Term term) {
                return true;
            }

            @Override
            public Boolean and(Boolean left, Boolean right) {
                return left && right;
            }

            @Override
            public Boolean or(Boolean left, Boolean right) {
                return false;
            }

            @Override
            public Boolean not(Boolean operand) {
                return false;
            }
        });
    }

    /** Pushes {@code (op1 SEP op2 … SEP opN)} for the chain of the node's operator, last piece first. */
    private static void pushChain(Deque<Object> pieces, TsQuery node, String separator) {
        List<TsQuery> operands = chainOperands(node);
        pieces.push(")");
        for (int i = operands.size() - 1; i >= 0; i--) {
            pieces.push(operands.get(i));
            if (i > 0) {
                pieces.push(separator);
            }
        }
        pieces.push("(");
    }

    /** The operands of the maximal chain of {@code node}'s operator (and, or) below it, left to right. */
    private static List<TsQuery> chainOperands(TsQuery node) {
        List<TsQuery> operands = new ArrayList<>();
        Deque<TsQuery> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            TsQuery n = stack.pop();
            if (n instanceof TsQuery.And a && node instanceof TsQuery.And) {
                stack.push(a.right());
                stack.push(a.left());
            } else if (n instanceof TsQuery.Or o && node instanceof TsQuery.Or) {
                stack.push(o.right());
                stack.push(o.left());
            } else {
                operands.add(n);
            }
        }
        return operands;
    }
}
