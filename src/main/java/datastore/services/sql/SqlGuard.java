package datastore.services.sql;

import datastore.core.errors.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Checks and normalises user SQL for datastore_search_sql: one read-only SELECT over datastore
 * tables, allow-listed functions only. What runs is the statement re-printed from the checked tree,
 * so a parser difference cannot smuggle anything past the check.
 */
public final class SqlGuard {
    /** Functions never allowed, whatever an allow-list file says: they run SQL text or touch the outside. */
    private static final Pattern DENIED = Pattern.compile(
            "^(query|query_table|query_to_xml.*|dblink.*|read_.*|glob|current_setting|set_config|getenv|getvariable"
                    + "|pg_.*|lo_.*|ts_rewrite|ts_stat|xpath.*|database_xml.*|table_to_xml.*|schema_to_xml.*|cursor_to_xml.*"
                    + "|duckdb_.*|pragma_.*|sniff_csv|parquet_.*|iceberg_.*|delta_.*|sqlite_.*|postgres_.*|mysql_.*"
                    + "|load|install|system|shell|copy_.*|export_.*|import_.*|which_secret|checkpoint|force_checkpoint)$");

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("pg_catalog", "information_schema", "system", "temp");
    private static final Set<String> OPEN_SCHEMAS = Set.of("public", "main");

    private final Set<String> allowed;

    public SqlGuard(Set<String> allowedFunctions) {
        this.allowed = Set.copyOf(Objects.requireNonNull(allowedFunctions, "allowedFunctions is null"));
    }

    public GuardedSql check(String sql, Function<String, Optional<String>> tableResolver) {
        if (sql == null || sql.isBlank()) {
            throw ApiException.validation("sql", "Missing value");
        }
        Select select = parse(sql);
        SqlTreeWalker walker = new SqlTreeWalker();
        walker.walk(select);
        for (String function : walker.functions()) {
            if (!isAllowed(function)) {
                throw ApiException.notAuthorized("Not authorized to call function " + function);
            }
        }
        Set<String> tables = new LinkedHashSet<>();
        Set<String> cteNames = walker.cteNames();
        for (Table t : walker.tables()) {
            String name = unquote(t.getName());
            String schema = t.getSchemaName() == null ? null : unquote(t.getSchemaName());
            if (isSystem(name, schema, t)) {
                throw ApiException.notAuthorized("Not authorized to access system tables");
            }
            if (schema == null && cteNames.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String id = tableResolver
                    .apply(name)
                    .orElseThrow(() -> ApiException.validation("query", "relation \"" + name + "\" does not exist"));
            tables.add(id);
            t.setSchemaName(null);
            t.setDatabaseName(null);
            t.setName('"' + id.replace("\"", "\"\"") + '"');
        }
        return new GuardedSql(select.toString(), tables);
    }

    private static Select parse(String sql) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(sql, parser -> parser.withTimeOut(5_000));
        } catch (JSQLParserException e) {
            throw ApiException.validation("query", parserMessage(e));
        } catch (RuntimeException e) {
            throw ApiException.validation("query", "Query could not be parsed");
        }
        List<Statement> list = statements == null ? List.of() : statements;
        if (list.size() != 1) {
            throw ApiException.validation("query", "Query is not a single statement.");
        }
        if (!(list.get(0) instanceof Select select)) {
            throw ApiException.validation("query", "Only SELECT statements are allowed");
        }
        return select;
    }

    private static String parserMessage(JSQLParserException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            m = e.getCause().getMessage();
        }
        String first = m.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("syntax error");
        if (first.length() > 200) {
            first = first.substring(0, 200);
        }
        return "syntax error: " + first;
    }

    private boolean isAllowed(String rawName) {
        boolean quoted = rawName.startsWith("\"");
        String name = unquote(rawName);
        String lower = name.toLowerCase(Locale.ROOT);
        if (DENIED.matcher(lower).matches()) {
            return false;
        }
        return quoted ? allowed.contains(name) || allowed.contains(lower) : allowed.contains(lower);
    }

    private static boolean isSystem(String name, String schema, Table t) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (t.getDatabaseName() != null) {
            return true;
        }
        if (schema != null) {
            String s = schema.toLowerCase(Locale.ROOT);
            if (SYSTEM_SCHEMAS.contains(s) || !OPEN_SCHEMAS.contains(s)) {
                return true;
            }
        }
        return lower.startsWith("pg_")
                || lower.startsWith("duckdb_")
                || lower.startsWith("sqlite_")
                || lower.startsWith("_datastore")
                || lower.equals("information_schema");
    }

    static String unquote(String name) {
        if (name != null && name.length() >= 2) {
            char first = name.charAt(0);
            char last = name.charAt(name.length() - 1);
            if ((first == '"' && last == '"') || (first == '`' && last == '`') || (first == '[' && last == ']')) {
                return name.substring(1, name.length() - 1).replace("\"\"", "\"");
            }
        }
        return name;
    }
}
