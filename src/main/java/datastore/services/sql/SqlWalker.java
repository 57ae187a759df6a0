package datastore.services.sql;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.SqlIdentifiers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.JsonFunction;
import net.sf.jsqlparser.expression.JsonFunctionExpression;
import net.sf.jsqlparser.expression.JsonKeyValuePair;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.RangeExpression;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.IsUnknownExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.FunctionAllColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import org.jspecify.annotations.Nullable;

/** Walks a parsed SELECT, checking every relation and function call (unknown node types are rejected) and rewriting table references in place. */
final class SqlWalker {
    /** Reserved words JSqlParser models as function calls that are really syntax, not catalog functions. */
    private static final Set<String> CONSTRUCTS = Set.of("ARRAY", "ROW", "ANY", "SOME", "ALL");

    /** Grouping syntax that is only syntax at the top level of GROUP BY (elsewhere, a function name). */
    private static final Set<String> GROUPING_CONSTRUCTS = Set.of("ROLLUP", "CUBE");

    private static final int MAX_DEPTH = 1_000;

    private final FunctionPolicy functions;
    private final SqlIdentifiers.Folding folding;
    private final java.util.function.Function<String, Optional<String>> resolver;
    private final Set<String> tables = new LinkedHashSet<>();
    private final Deque<Set<String>> cteScopes = new ArrayDeque<>();
    private final Set<Table> rewritten = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The recursive term of each RECURSIVE CTE (by identity), mapped to the CTE name it may see. */
    private final Map<Select, String> recursiveTerms = new IdentityHashMap<>();

    private int depth;

    SqlWalker(
            FunctionPolicy functions,
            SqlIdentifiers.Folding folding,
            java.util.function.Function<String, Optional<String>> resolver) {
        this.functions = Objects.requireNonNull(functions, "functions is null");
        this.folding = Objects.requireNonNull(folding, "folding is null");
        this.resolver = Objects.requireNonNull(resolver, "resolver is null");
    }

    /** The canonical ids of the datastore tables read, in order of first reference. */
    Set<String> tables() {
        return Collections.unmodifiableSet(tables);
    }

    void statement(Statement statement) {
        if (!(statement instanceof Select select)) {
            throw GuardErrors.onlySelect();
        }
        select(select);
    }

    private void select(Select select) {
        descend();
        String recursiveName = recursiveTerms.remove(select);
        if (recursiveName != null) {
            cteScopes.push(Set.of(recursiveName));
        }
        boolean scoped = enterWith(select.getWithItemsList());
        selectClauses(select);
        switch (select) {
            case PlainSelect plain -> plainSelect(plain);
            case SetOperationList setOperations -> setOperations.getSelects().forEach(this::select);
            case ParenthesedSelect parenthesed -> select(parenthesed.getSelect());
            case Values values -> expression(values.getExpressions());
            default -> throw GuardErrors.onlySelect();
        }
        if (scoped) {
            cteScopes.pop();
        }
        if (recursiveName != null) {
            cteScopes.pop();
        }
        depth--;
    }

    /**
     * Opens a CTE scope with DuckDB's visibility rules, never wider: a body sees only the earlier
     * names, and under RECURSIVE its own name only inside the last branch of a UNION body. A name
     * the guard wrongly took for a CTE would reach DuckDB unrewritten and could bind to a real
     * table; one it wrongly resolves is merely rewritten to a canonical id.
     */
    private boolean enterWith(List<WithItem<?>> items) {
        if (items == null || items.isEmpty()) {
            return false;
        }
        Set<String> scope = new HashSet<>();
        cteScopes.push(scope);
        boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
        for (WithItem<?> item : items) {
            if (!(item.getParenthesedStatement() instanceof ParenthesedSelect body)) {
                throw GuardErrors.onlySelect();
            }
            String name = cteName(item);
            if (recursive && body.getSelect() instanceof SetOperationList union && endsWithUnion(union)) {
                recursiveTerms.put(union.getSelects().get(union.getSelects().size() - 1), name);
            }
            select(body);
            scope.add(name);
        }
        return true;
    }

    private static boolean endsWithUnion(SetOperationList list) {
        List<SetOperation> operations = list.getOperations();
        return operations != null
                && !operations.isEmpty()
                && operations.get(operations.size() - 1) instanceof UnionOp
                && list.getSelects().size() == operations.size() + 1;
    }

    private String cteName(WithItem<?> item) {
        String raw = item.getAlias() == null ? null : item.getAlias().getName();
        String key = raw == null ? null : cteKey(raw);
        if (raw == null || key == null) {
            throw GuardErrors.unsupported(item);
        }
        // A CTE named like a catalog relation would read as that relation to anyone reading the query.
        String name = Identifiers.normalize(raw);
        if (name == null || Identifiers.isSystemName(name)) {
            throw GuardErrors.systemTables();
        }
        return key;
    }

    private boolean inCteScope(String rawName) {
        String key = cteKey(rawName);
        return key != null && cteScopes.stream().anyMatch(scope -> scope.contains(key));
    }

    /**
     * The key under which the engine matches a CTE name, so that the guard takes a reference for a CTE
     * exactly when the engine will: PostgreSQL matches quoted names exactly and folds unquoted ones to
     * lower case ({@code "SECRET_T"} is not {@code secret_t}); DuckDB ignores case either way.
     */
    private @Nullable String cteKey(String raw) {
        return switch (folding) {
            case LOWER_UNQUOTED -> Identifiers.normalize(raw);
            case CASE_INSENSITIVE -> Identifiers.matchKey(raw);
        };
    }

    private void selectClauses(Select select) {
        if (select.getForMode() != null
                || select.getForUpdateTable() != null
                || select.getWait() != null
                || select.isSkipLocked()
                || select.isNoWait()) {
            throw GuardErrors.onlySelect();
        }
        if (select.getIsolation() != null
                || select.getForClause() != null
                || select.getLimitBy() != null
                || select.isOracleSiblings()
                || select.getPivot() != null
                || select.getUnPivot() != null) {
            throw GuardErrors.unsupported(select);
        }
        orderBy(select.getOrderByElements());
        limit(select.getLimit());
        if (select.getOffset() != null) {
            expression(select.getOffset().getOffset());
        }
        Fetch fetch = select.getFetch();
        if (fetch != null) {
            if (fetch.getFetchJdbcParameter() != null) {
                throw GuardErrors.unsupported(fetch);
            }
            expression(fetch.getExpression());
        }
    }

    private void plainSelect(PlainSelect select) {
        if (select.getIntoTables() != null || select.getIntoTempTable() != null) {
            throw GuardErrors.onlySelect();
        }
        if (hasForeignDialectClause(select)) {
            throw GuardErrors.unsupported(select);
        }
        // FROM first, so an unknown relation is reported before a function, as PostgreSQL does.
        fromItem(select.getFromItem());
        joins(select.getJoins());
        Distinct distinct = select.getDistinct();
        if (distinct != null) {
            selectItems(distinct.getOnSelectItems());
        }
        selectItems(select.getSelectItems());
        expression(select.getWhere());
        groupBy(select.getGroupBy());
        expression(select.getHaving());
        expression(select.getQualify());
        if (select.getWindowDefinitions() != null) {
            select.getWindowDefinitions().forEach(this::windowDefinition);
        }
    }

    private static boolean hasForeignDialectClause(PlainSelect s) {
        return s.getTop() != null
                || s.getSkip() != null
                || s.getFirst() != null
                || s.getOracleHint() != null
                || s.getOracleHierarchical() != null
                || s.getPreferringClause() != null
                || s.getKsqlWindow() != null
                || s.getOptimizeFor() != null
                || s.getBigQuerySelectQualifier() != null
                || s.getForXmlPath() != null
                || s.getMySqlSqlCacheFlag() != null
                || (s.getLateralViews() != null && !s.getLateralViews().isEmpty())
                || s.getMySqlHintStraightJoin()
                || s.getMySqlSqlCalcFoundRows()
                || s.isEmitChanges()
                || s.isUsingFinal()
                || s.isUsingOnly()
                || s.isUseWithNoLog();
    }

    private void fromItem(FromItem item) {
        if (item == null) {
            return;
        }
        if (item.getPivot() != null || item.getUnPivot() != null) {
            throw GuardErrors.unsupported(item);
        }
        switch (item) {
            case Table table -> table(table);
            case TableFunction tableFunction -> tableFunction(tableFunction);
            case ParenthesedFromItem parenthesed -> {
                fromItem(parenthesed.getFromItem());
                joins(parenthesed.getJoins());
            }
            case Select select -> select(select);
            default -> throw GuardErrors.unsupported(item);
        }
    }

    private void joins(List<Join> joins) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            if (join.getJoinWindow() != null || join.getJoinHint() != null) {
                throw GuardErrors.unsupported(join);
            }
            fromItem(join.getRightItem());
            if (join.getOnExpressions() != null) {
                join.getOnExpressions().forEach(this::expression);
            }
            if (join.getUsingColumns() != null) {
                join.getUsingColumns().forEach(this::expression);
            }
        }
    }

    private void tableFunction(TableFunction tableFunction) {
        if (tableFunction.getWithClause() != null || tableFunction.getFunction() == null) {
            throw GuardErrors.unsupported(tableFunction);
        }
        function(tableFunction.getFunction());
    }

    private void table(Table table) {
        if (!rewritten.add(table)) {
            return;
        }
        if (table.getIndexHint() != null || table.getSqlServerHints() != null) {
            throw GuardErrors.unsupported(table);
        }
        // A copy: setName() below rewrites the parser's own list.
        List<String> parts = table.getNameParts() == null ? List.of() : new ArrayList<>(table.getNameParts());
        String name = relationName(parts);
        if (parts.size() == 1 && inCteScope(parts.get(0))) {
            return;
        }
        String id = resolve(name);
        tables.add(id);
        table.setSchemaName(null);
        table.setName(Identifiers.quote(id));
        if (table.getAlias() == null && !id.equals(name)) {
            // Keeps references such as myalias.col working once the alias is replaced by the id.
            table.setAlias(new Alias(parts.get(0), true));
        }
    }

    /** The normalised relation name of a table reference's parts (name first), after the schema checks. */
    private static String relationName(List<String> parts) {
        if (parts == null || parts.isEmpty()) {
            throw GuardErrors.unsupported(parts);
        }
        if (parts.size() > 2) {
            throw GuardErrors.systemTables();
        }
        if (parts.size() == 2) {
            requireUserSchema(parts.get(1));
        }
        String name = Identifiers.normalize(parts.get(0));
        if (name == null) {
            throw GuardErrors.relationMissing(parts.get(0));
        }
        if (Identifiers.isSystemName(name)) {
            throw GuardErrors.systemTables();
        }
        return name;
    }

    private static void requireUserSchema(String rawSchema) {
        String schema = Identifiers.normalize(rawSchema);
        if (schema == null || !Identifiers.isUserSchema(schema)) {
            throw GuardErrors.systemTables();
        }
    }

    private String resolve(String name) {
        Optional<String> id;
        try {
            id = resolver.apply(name);
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ResolverFailure(e);
        }
        if (id == null || id.isEmpty()) {
            throw GuardErrors.relationMissing(name);
        }
        return id.get();
    }

    /** Strips a public./main. qualifier from a column's table and rejects any other schema. */
    private static Table unqualified(Table table) {
        List<String> parts = table == null ? null : table.getNameParts();
        if (parts == null || parts.size() < 2) {
            return table;
        }
        if (parts.size() > 2) {
            throw GuardErrors.systemTables();
        }
        requireUserSchema(parts.get(1));
        return new Table(parts.get(0));
    }

    private void expression(Expression expression) {
        if (expression == null) {
            return;
        }
        descend();
        switch (expression) {
            case Column column -> column(column);
            case StringValue string -> {
                // E'', N'', B'', R'', Q'' literals are lexed differently by DuckDB.
                if (string.getPrefix() != null) {
                    throw GuardErrors.unsupported(string);
                }
            }
            case LongValue ignored -> {}
            case DoubleValue ignored -> {}
            case NullValue ignored -> {}
            case BooleanValue ignored -> {}
            case TimeKeyExpression ignored -> {}
            case DateTimeLiteralExpression ignored -> {}
            case AllValue ignored -> {}
            case TableFunction tableFunction -> throw GuardErrors.unsupported(tableFunction);
            case Function function -> function(function);
            case AnalyticExpression analytic -> analytic(analytic);
            case JsonFunction json -> jsonFunction(json);
            case LikeExpression like -> {
                binary(like);
                expression(like.getEscape());
            }
            case BinaryExpression binary -> binary(binary);
            case Select select -> select(select);
            case RowConstructor<?> row -> {
                if (row.getName() != null && !row.getName().equalsIgnoreCase("ROW")) {
                    throw GuardErrors.unsupported(row);
                }
                expressions(row);
            }
            case ExpressionList<?> list -> expressions(list);
            case AllTableColumns all -> {
                all.setTable(unqualified(all.getTable()));
                allColumns(all);
            }
            case FunctionAllColumns all -> {
                function(all.getFunction());
                allColumns(all);
            }
            case AllColumns all -> allColumns(all);
            case SignedExpression signed -> expression(signed.getExpression());
            case NotExpression not -> expression(not.getExpression());
            case Between between -> {
                expression(between.getLeftExpression());
                expression(between.getBetweenExpressionStart());
                expression(between.getBetweenExpressionEnd());
            }
            case InExpression in -> {
                expression(in.getLeftExpression());
                expression(in.getRightExpression());
            }
            case IsNullExpression isNull -> expression(isNull.getLeftExpression());
            case IsBooleanExpression isBoolean -> expression(isBoolean.getLeftExpression());
            case IsUnknownExpression isUnknown -> expression(isUnknown.getLeftExpression());
            case ExistsExpression exists -> expression(exists.getRightExpression());
            case AnyComparisonExpression any -> select(any.getSelect());
            case CaseExpression caseExpression -> {
                expression(caseExpression.getSwitchExpression());
                if (caseExpression.getWhenClauses() != null) {
                    caseExpression.getWhenClauses().forEach(this::expression);
                }
                expression(caseExpression.getElseExpression());
            }
            case WhenClause when -> {
                expression(when.getWhenExpression());
                expression(when.getThenExpression());
            }
            case CastExpression cast -> {
                if (cast.getFormat() != null) {
                    throw GuardErrors.unsupported(cast);
                }
                expression(cast.getLeftExpression());
            }
            case ExtractExpression extract -> expression(extract.getExpression());
            case IntervalExpression interval -> expression(interval.getExpression());
            case TrimFunction trim -> {
                expression(trim.getExpression());
                expression(trim.getFromExpression());
            }
            case TimezoneExpression timezone -> {
                expression(timezone.getLeftExpression());
                timezone.getTimezoneExpressions().forEach(this::expression);
            }
            case CollateExpression collate -> expression(collate.getLeftExpression());
            case ArrayConstructor array -> expression(array.getExpressions());
            case ArrayExpression array -> {
                expression(array.getObjExpression());
                expression(array.getIndexExpression());
                expression(array.getStartIndexExpression());
                expression(array.getStopIndexExpression());
            }
            case RangeExpression range -> {
                expression(range.getStartExpression());
                expression(range.getEndExpression());
            }
            case RowGetExpression rowGet -> expression(rowGet.getExpression());
            case LambdaExpression lambda -> expression(lambda.getExpression());
            case JsonExpression json -> {
                expression(json.getExpression());
                if (json.getIdents() != null) {
                    json.getIdents().forEach(this::expression);
                }
            }
            case OracleNamedFunctionParameter named -> expression(named.getExpression());
            default -> throw GuardErrors.unsupported(expression);
        }
        depth--;
    }

    private void expressions(List<? extends Expression> list) {
        list.forEach(this::expression);
    }

    private void binary(BinaryExpression binary) {
        expression(binary.getLeftExpression());
        expression(binary.getRightExpression());
    }

    private void column(Column column) {
        if (column.getTable() != null) {
            column.setTable(unqualified(column.getTable()));
        }
        expression(column.getArrayConstructor());
    }

    private void allColumns(AllColumns all) {
        expression(all.getExceptColumns());
        selectItems(all.getReplaceExpressions());
    }

    private void function(Function function) {
        List<String> parts = function.getMultipartName();
        if (!isConstruct(parts, CONSTRUCTS)) {
            functions.require(parts);
        }
        functionBody(function);
    }

    /** Everything in a call but its name: arguments, ordering and the clauses no dialect here needs. */
    private void functionBody(Function function) {
        if (function.getKeep() != null
                || function.getHavingClause() != null
                || function.getLimit() != null
                || function.getOnOverflowTruncate() != null
                || function.getExtraKeyword() != null) {
            throw GuardErrors.unsupported(function);
        }
        expression(function.getParameters());
        expression(function.getNamedParameters());
        orderBy(function.getOrderByElements());
        Object attribute = function.getAttribute();
        if (attribute instanceof Expression attributeExpression) {
            expression(attributeExpression);
        } else if (attribute != null) {
            throw GuardErrors.unsupported(function);
        }
    }

    private static boolean isConstruct(List<String> parts, Set<String> constructs) {
        return parts != null
                && parts.size() == 1
                && constructs.contains(parts.get(0).toUpperCase(Locale.ROOT));
    }

    private void analytic(AnalyticExpression analytic) {
        functions.require(List.of(Objects.requireNonNullElse(analytic.getName(), "")));
        if (analytic.getKeep() != null
                || analytic.getHavingClause() != null
                || analytic.getLimit() != null
                || analytic.getOnOverflowTruncate() != null) {
            throw GuardErrors.unsupported(analytic);
        }
        expression(analytic.getExpression());
        expression(analytic.getOffset());
        expression(analytic.getDefaultValue());
        expression(analytic.getPartitionExpressionList());
        orderBy(analytic.getOrderByElements());
        orderBy(analytic.getFuncOrderBy());
        expression(analytic.getFilterExpression());
        windowElement(analytic.getWindowElement());
        windowDefinition(analytic.getWindowDefinition());
    }

    private void jsonFunction(JsonFunction json) {
        String name =
                switch (json.getType()) {
                    case OBJECT, MYSQL_OBJECT, POSTGRES_OBJECT -> "json_object";
                    case ARRAY -> "json_array";
                    default -> throw GuardErrors.unsupported(json);
                };
        functions.require(List.of(name));
        for (JsonKeyValuePair pair : json.getKeyValuePairs()) {
            jsonPart(pair.getKey(), json);
            jsonPart(pair.getValue(), json);
        }
        for (JsonFunctionExpression element : json.getExpressions()) {
            expression(element.getExpression());
        }
    }

    /** JSON_OBJECT keys may come back as raw text; only a plain literal or identifier is accepted. */
    private void jsonPart(Object part, JsonFunction owner) {
        if (part instanceof Expression expression) {
            expression(expression);
        } else if (part instanceof String text) {
            if (!isPlainStringLiteral(text) && Identifiers.normalize(text) == null) {
                throw GuardErrors.unsupported(owner);
            }
        } else if (part != null) {
            throw GuardErrors.unsupported(owner);
        }
    }

    private static boolean isPlainStringLiteral(String text) {
        if (text.length() < 2 || text.charAt(0) != '\'' || text.charAt(text.length() - 1) != '\'') {
            return false;
        }
        return text.substring(1, text.length() - 1).replace("''", "").indexOf('\'') < 0;
    }

    private void selectItems(List<SelectItem<?>> items) {
        if (items != null) {
            items.forEach(item -> expression(item.getExpression()));
        }
    }

    private void orderBy(List<OrderByElement> elements) {
        if (elements != null) {
            elements.forEach(element -> expression(element.getExpression()));
        }
    }

    private void limit(Limit limit) {
        if (limit == null) {
            return;
        }
        if (limit.getByExpressions() != null) {
            throw GuardErrors.unsupported(limit);
        }
        expression(limit.getRowCount());
        expression(limit.getOffset());
    }

    private void groupBy(GroupByElement groupBy) {
        if (groupBy == null) {
            return;
        }
        ExpressionList<?> keys = groupBy.getGroupByExpressionList();
        if (keys != null) {
            for (Expression key : keys) {
                if (key instanceof Function grouping && isConstruct(grouping.getMultipartName(), GROUPING_CONSTRUCTS)) {
                    functionBody(grouping);
                } else {
                    expression(key);
                }
            }
        }
        if (groupBy.getGroupingSets() != null) {
            groupBy.getGroupingSets().forEach(this::expression);
        }
    }

    private void windowDefinition(WindowDefinition window) {
        if (window == null) {
            return;
        }
        expression(window.getPartitionExpressionList());
        orderBy(window.getOrderByElements());
        windowElement(window.getWindowElement());
    }

    private void windowElement(WindowElement element) {
        if (element == null) {
            return;
        }
        windowOffset(element.getOffset());
        if (element.getRange() != null) {
            windowOffset(element.getRange().getStart());
            windowOffset(element.getRange().getEnd());
        }
    }

    private void windowOffset(WindowOffset offset) {
        if (offset != null) {
            expression(offset.getExpression());
        }
    }

    private void descend() {
        if (++depth > MAX_DEPTH) {
            throw GuardErrors.tooComplex();
        }
    }

    /** Carries an exception thrown by the caller's table resolver out of the guard unchanged. */
    static final class ResolverFailure extends RuntimeException {
        ResolverFailure(RuntimeException cause) {
            super(cause);
        }

        @SuppressWarnings("NullAway") // built only with a cause
        RuntimeException original() {
            return (RuntimeException) getCause();
        }
    }
}
