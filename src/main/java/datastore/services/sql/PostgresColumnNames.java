package datastore.services.sql;

import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import org.jspecify.annotations.Nullable;

/**
 * Names unaliased function columns of the outermost SELECT the way PostgreSQL does ({@code count(*)} is
 * {@code count}, {@code upper(a)} is {@code upper}), because CKAN clients read results by those names.
 */
final class PostgresColumnNames {
    private PostgresColumnNames() {}

    static void apply(Statement statement) {
        if (statement instanceof Select select) {
            name(select);
        }
    }

    private static void name(Select select) {
        switch (select) {
            case PlainSelect plain -> name(plain.getSelectItems());
            case SetOperationList set -> {
                if (!set.getSelects().isEmpty()) {
                    name(set.getSelects().get(0));
                }
            }
            case ParenthesedSelect parens -> name(parens.getSelect());
            default -> {}
        }
    }

    private static void name(List<SelectItem<?>> items) {
        if (items == null) {
            return;
        }
        for (SelectItem<?> item : items) {
            if (item.getAlias() != null) {
                continue;
            }
            String name = functionName(item.getExpression());
            if (name != null && name.matches("[a-z_][a-z0-9_]*")) {
                item.setAlias(new Alias('"' + name + '"', true));
            }
        }
    }

    private static @Nullable String functionName(Expression e) {
        String raw =
                switch (e) {
                    case AnalyticExpression a -> a.getName();
                    case Function f -> f.getName();
                    case null, default -> null;
                };
        if (raw == null) {
            return null;
        }
        String last = raw.substring(raw.lastIndexOf('.') + 1);
        return SqlGuardNames.unquoteLower(last);
    }

    /** Small helper kept here to avoid reaching into the walker's identifier rules. */
    private static final class SqlGuardNames {
        static String unquoteLower(String s) {
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                return s.substring(1, s.length() - 1);
            }
            return s.toLowerCase(Locale.ROOT);
        }
    }
}
