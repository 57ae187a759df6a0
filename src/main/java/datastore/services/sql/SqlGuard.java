package datastore.services.sql;

import datastore.core.errors.ApiException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/** Checks and normalises user SQL for datastore_search_sql: one read-only SELECT over datastore tables, allow-listed functions only. */
public final class SqlGuard {
    private static final long PARSE_TIMEOUT_MILLIS = 5_000;

    /**
     * JSqlParser parses on an executor to enforce its timeout; its own per-call executor leaks a
     * non-daemon thread whenever parsing fails, so all guards share this daemon pool instead.
     */
    private static final ExecutorService PARSER_THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sql-guard-parser");
        thread.setDaemon(true);
        return thread;
    });

    private final FunctionPolicy functions;

    public SqlGuard(Set<String> allowedFunctions) {
        this.functions = new FunctionPolicy(Objects.requireNonNull(allowedFunctions, "allowedFunctions is null"));
    }

    /**
     * Parses, checks and re-prints {@code sql}. Relations are looked up with {@code tableResolver}
     * (normalised name → canonical datastore table id). Throws {@link ApiException} (409 or 403)
     * when the query may not run; exceptions thrown by the resolver propagate unchanged.
     */
    public GuardedSql check(String sql, Function<String, Optional<String>> tableResolver) {
        Objects.requireNonNull(tableResolver, "tableResolver is null");
        if (sql == null || sql.isBlank()) {
            throw GuardErrors.missingSql();
        }
        if (SqlLexemes.hasControlCharacters(sql)) {
            throw GuardErrors.unsupportedQuery();
        }
        if (SqlLexemes.hasTokenAfterSemicolon(sql)) {
            throw GuardErrors.notSingleStatement();
        }
        try {
            Statement statement = parseSingle(sql);
            SqlWalker walker = new SqlWalker(functions, tableResolver);
            walker.statement(statement);
            PostgresColumnNames.apply(statement);
            String rewritten = statement.toString();
            Set<String> tables = walker.tables();
            verifyReprint(rewritten, tables);
            SqlLexemes.requireUnambiguous(rewritten);
            return new GuardedSql(rewritten, tables);
        } catch (SqlWalker.ResolverFailure e) {
            throw e.original();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // Fail closed on anything the walker did not foresee in the parsed tree.
            throw e instanceof StackOverflowError ? GuardErrors.tooComplex() : GuardErrors.unsupportedQuery();
        }
    }

    /**
     * Parses the re-printed SQL again and checks it against only the tables already resolved: the
     * text must print back identically, so what runs is what was checked.
     */
    private void verifyReprint(String rewritten, Set<String> tables) {
        try {
            Statement again = parseSingle(rewritten);
            SqlWalker walker =
                    new SqlWalker(functions, name -> tables.contains(name) ? Optional.of(name) : Optional.empty());
            walker.statement(again);
            if (!again.toString().equals(rewritten) || !walker.tables().equals(tables)) {
                throw GuardErrors.unsupportedQuery();
            }
        } catch (ApiException e) {
            throw GuardErrors.unsupportedQuery();
        }
    }

    private static Statement parseSingle(String sql) {
        Statements statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(
                    sql, PARSER_THREADS, parser -> parser.withTimeOut(PARSE_TIMEOUT_MILLIS)
                            .withSquareBracketQuotation(false)
                            .withBackslashEscapeCharacter(false)
                            .withUnsupportedStatements(false));
        } catch (JSQLParserException e) {
            throw GuardErrors.syntax(describe(e));
        }
        if (statements == null || statements.size() != 1 || statements.get(0) == null) {
            throw GuardErrors.notSingleStatement();
        }
        return statements.get(0);
    }

    /** A one-line, PostgreSQL-style description of a parse failure, without stack traces or class names. */
    private static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ParseException parse && parse.currentToken != null && parse.currentToken.next != null) {
                Token token = parse.currentToken.next;
                return token.kind == CCJSqlParserConstants.EOF
                        ? "syntax error at end of input"
                        : "syntax error at or near \"" + token.image + "\"";
            }
            if (t instanceof TimeoutException) {
                return "Query is too complex to parse";
            }
            if (t instanceof TokenMgrException) {
                return "syntax error: " + firstLine(t.getMessage());
            }
            deepest = t;
        }
        return "syntax error: " + firstLine(deepest.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "could not parse query";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        int colon = line.indexOf("Exception: ");
        return colon >= 0 ? line.substring(colon + "Exception: ".length()) : line;
    }
}
