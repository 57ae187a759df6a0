package datastore.services.sql;

import datastore.core.errors.ApiException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Walks every object of a parsed statement (by reflection over JSqlParser's tree, so ORDER BY, window
 * specifications, CASE arms and any node type added later are all reached) and collects every
 * relation and function it names, refusing anything that writes. Visitors that only know some node
 * types miss some positions; this walk cannot.
 */
final class SqlTreeWalker {
    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.";
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private final List<Table> tables = new ArrayList<>();
    private final Set<String> functions = new LinkedHashSet<>();
    private final Set<String> cteNames = new HashSet<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    void walk(Select select) {
        try {
            visit(select);
        } catch (ApiException e) {
            throw e;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Fail closed: a tree the walker cannot follow is not allowed.
            throw ApiException.validation("query", "Query uses SQL that cannot be checked");
        }
    }

    List<Table> tables() {
        return tables;
    }

    Set<String> functions() {
        return functions;
    }

    Set<String> cteNames() {
        return cteNames;
    }

    private void visit(Object node) throws ReflectiveOperationException {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            for (Object item : items) {
                visit(item);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                visit(e.getKey());
                visit(e.getValue());
            }
            return;
        }
        if (node instanceof Object[] array) {
            for (Object item : array) {
                visit(item);
            }
            return;
        }
        Class<?> type = node.getClass();
        // Parser internals (tokens, AST back-pointers) and plain values hold no relations or calls.
        if (!type.getName().startsWith(PARSER_PACKAGE) || type.getName().startsWith(PARSER_PACKAGE + "parser.")) {
            return;
        }
        if (node instanceof Enum<?> || node instanceof Column || node instanceof AllTableColumns) {
            // A column's table is a range variable (b in b.a), not a relation read.
            return;
        }
        inspect(node);
        for (Field f : fields(type)) {
            visit(f.get(node));
        }
    }

    private void inspect(Object node) {
        switch (node) {
            case Table t -> tables.add(t);
            case TableFunction tf -> {
                // Its inner Function (visited next) carries the name.
            }
            case Function f -> functions.add(name(f));
            case AnalyticExpression a -> functions.add(a.getName());
            case PlainSelect p
            when p.getIntoTables() != null || p.getIntoTempTable() != null || p.getForMode() != null ->
                throw readOnly();
            case Select s when s.getForMode() != null -> throw readOnly();
            case WithItem<?> w -> {
                if (!(w.getParenthesedStatement() instanceof ParenthesedSelect)) {
                    throw readOnly();
                }
                if (w.getAlias() != null) {
                    cteNames.add(SqlGuard.unquote(w.getAlias().getName()).toLowerCase(Locale.ROOT));
                }
            }
            default -> {}
        }
    }

    private static ApiException readOnly() {
        return ApiException.validation("query", "Only read-only SELECT statements are allowed");
    }

    private static String name(Function f) {
        List<String> parts = f.getMultipartName();
        return parts == null || parts.isEmpty() ? String.valueOf(f.getName()) : String.join(".", parts);
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, k -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = k; c != null && c.getName().startsWith(PARSER_PACKAGE); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                        f.setAccessible(true);
                        out.add(f);
                    }
                }
            }
            return List.copyOf(out);
        });
    }
}
