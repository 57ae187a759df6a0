package datastore.services.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;

/** Token-level checks: statement counting with JSqlParser's lexer, and a PostgreSQL-style scan of the SQL we emit. */
final class SqlLexemes {
    private SqlLexemes() {}

    /**
     * Whether any token follows a top-level semicolon, so {@code SELECT 1; anything} counts as two
     * statements even when the second would not parse. A lone trailing semicolon is fine. Lexical
     * errors answer false and are left for the parser to report.
     */
    static boolean hasTokenAfterSemicolon(String sql) {
        CCJSqlParser lexer = CCJSqlParserUtil.newParser(sql);
        boolean sawSemicolon = false;
        try {
            for (Token t = lexer.getNextToken(); t.kind != CCJSqlParserConstants.EOF; t = lexer.getNextToken()) {
                if (t.kind == CCJSqlParserConstants.ST_SEMICOLON) {
                    sawSemicolon = true;
                } else if (sawSemicolon) {
                    return true;
                }
            }
        } catch (TokenMgrException e) {
            return false;
        }
        return false;
    }

    /**
     * Rejects emitted SQL whose lexing could differ between JSqlParser and DuckDB (a PostgreSQL
     * lexer): only plain {@code '...'} strings and {@code "..."} identifiers, with doubled quotes as
     * the sole escape, and no comments, dollar quotes, backticks, backslashes, braces or control
     * characters anywhere. What the guard checked is then exactly what DuckDB will see.
     */
    static void requireUnambiguous(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                // E'..', U&'..', X'..', N'..' and friends change escaping rules in DuckDB.
                if (i > 0 && isPrefixChar(sql.charAt(i - 1))) {
                    throw GuardErrors.unsupported(sql.substring(Math.max(0, i - 2)));
                }
                int end = closingQuote(sql, i);
                if (end < 0) {
                    throw GuardErrors.unsupported(sql.substring(i));
                }
                i = end + 1;
                continue;
            }
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            boolean comment = (c == '-' && next == '-') || (c == '/' && next == '*');
            if (comment || c == '$' || c == '`' || c == '\\' || c == ';' || c == '{' || c == '}' || isControl(c)) {
                throw GuardErrors.unsupported(sql.substring(i));
            }
            i++;
        }
    }

    /** Whether the text holds control characters other than tab, newline and carriage return. */
    static boolean hasControlCharacters(String sql) {
        return sql.chars().anyMatch(c -> isControl((char) c));
    }

    private static int closingQuote(String sql, int open) {
        char quote = sql.charAt(open);
        int j = open + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (isControl(c)) {
                return -1;
            }
            if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j;
            }
            j++;
        }
        return -1;
    }

    private static boolean isPrefixChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '&';
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }
}
