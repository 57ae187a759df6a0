package datastore.services.sql;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.SqlIdentifiers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/** Checks and normalises user SQL for datastore_search_sql: one read-only SELECT over datastore tables, allow-listed functions only. */
public final class SqlGuard {
    /** How long parsing one query (and re-parsing its re-print) may take in all. */
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(5);

    /** Parses that may run at once by default: each can keep a core busy until its deadline. */
    public static final int DEFAULT_PARSER_THREADS = 2;

    private final FunctionPolicy functions;
    private final BoundedParser parser;

    public SqlGuard(Set<String> allowedFunctions) {
        this(allowedFunctions, DEFAULT_PARSER_THREADS, DEFAULT_PARSE_TIMEOUT);
    }

    /** A guard whose parses run on at most {@code parserThreads} threads, each stopped after {@code parseTimeout}. */
    public SqlGuard(Set<String> allowedFunctions, int parserThreads, Duration parseTimeout) {
        this.functions = new FunctionPolicy(Objects.requireNonNull(allowedFunctions, "allowedFunctions is null"));
        this.parser = new BoundedParser(parserThreads, parseTimeout);
    }

    /** Like {@link #check(String, SqlIdentifiers.Folding, Function)} with DuckDB's case-insensitive names. */
    public GuardedSql check(String sql, Function<String, Optional<String>> tableResolver) {
        return check(sql, SqlIdentifiers.Folding.CASE_INSENSITIVE, tableResolver);
    }

    /**
     * Parses, checks and re-prints {@code sql}, matching CTE names by the engine's {@code folding}.
     * Relations are looked up with {@code tableResolver} (normalised name → canonical datastore table
     * id). Throws {@link ApiException} (409 or 403) when the query may not run; exceptions thrown by the
     * resolver propagate unchanged.
     */
    public GuardedSql check(
            String sql, SqlIdentifiers.Folding folding, Function<String, Optional<String>> tableResolver) {
        Objects.requireNonNull(tableResolver, "tableResolver is null");
        Objects.requireNonNull(folding, "folding is null");
        if (sql == null || sql.isBlank()) {
            throw GuardErrors.missingSql();
        }
        if (SqlLexemes.hasControlCharacters(sql)) {
            throw GuardErrors.unsupportedQuery();
        }
        if (SqlLexemes.hasTokenAfterSemicolon(sql)) {
            throw GuardErrors.notSingleStatement();
        }
        long deadline = parser.deadline();
        try {
            Statement statement = parseSingle(sql, deadline);
            SqlWalker walker = new SqlWalker(functions, folding, tableResolver);
            walker.statement(statement);
            PostgresColumnNames.apply(statement);
            String rewritten = statement.toString();
            Set<String> tables = walker.tables();
            verifyReprint(rewritten, tables, folding, deadline);
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

    /** Whether a table function the engine's plan names may be called: the same test as for calls in the query. */
    public boolean allowsFunction(String name) {
        try {
            functions.require(List.of(name));
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /**
     * Parses the re-printed SQL again and checks it against only the tables already resolved: the
     * text must print back identically, so what runs is what was checked.
     */
    private void verifyReprint(String rewritten, Set<String> tables, SqlIdentifiers.Folding folding, long deadline) {
        try {
            Statement again = parseSingle(rewritten, deadline);
            SqlWalker walker = new SqlWalker(
                    functions, folding, name -> tables.contains(name) ? Optional.of(name) : Optional.empty());
            walker.statement(again);
            if (!again.toString().equals(rewritten) || !walker.tables().equals(tables)) {
                throw GuardErrors.unsupportedQuery();
            }
        } catch (ApiException e) {
            throw GuardErrors.unsupportedQuery();
        }
    }

    private Statement parseSingle(String sql, long deadline) {
        Statements statements;
        try {
            statements = parser.parse(
                    sql,
                    p -> p.withSquareBracketQuotation(false)
                            .withBackslashEscapeCharacter(false)
                            .withUnsupportedStatements(false),
                    deadline);
        } catch (JSQLParserException e) {
            throw GuardErrors.syntax(describe(e));
        } catch (BoundedParser.TimedOut e) {
            throw GuardErrors.syntax(String.valueOf(e.getMessage()));
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
                return "syntax error: " + firstLine(String.valueOf(t.getMessage()));
            }
            deepest = t;
        }
        return "syntax error: " + firstLine(String.valueOf(deepest.getMessage()));
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
