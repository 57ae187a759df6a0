package datastore.core.text;

import java.util.Optional;

/**
 * Recursive-descent parser for PostgreSQL's {@code to_tsquery} syntax, with PostgreSQL's precedence
 * ({@code !} binds tighter than {@code <->}, then {@code &}, then {@code |}). Its recursion follows
 * parentheses and {@code !} only, and stops at {@link TsQuery#MAX_NESTING} of them; chains of operators
 * are loops, and stop at {@link TsQuery#MAX_TERMS} operands.
 */
final class TsQueryParser {
    private final String text;
    private int pos;
    /** Parentheses and {@code !} open around the current position. */
    private int nesting;
    /** Operands read so far. */
    private int terms;

    private TsQueryParser(String text) {
        this.text = text;
    }

    static Optional<TsQuery> parse(String text) {
        TsQueryParser parser = new TsQueryParser(text);
        parser.skipSpace();
        if (parser.atEnd()) {
            return Optional.empty();
        }
        TsQuery query = parser.parseOr();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw TsQuery.invalidQuery();
        }
        return Optional.of(query);
    }

    private TsQuery parseOr() {
        TsQuery left = parseAnd();
        while (skipSpace() && peek() == '|') {
            pos++;
            left = new TsQuery.Or(left, parseAnd());
        }
        return left;
    }

    private TsQuery parseAnd() {
        TsQuery left = parsePhrase();
        while (skipSpace() && peek() == '&') {
            pos++;
            left = new TsQuery.And(left, parsePhrase());
        }
        return left;
    }

    private TsQuery parsePhrase() {
        TsQuery left = parseUnary();
        while (skipSpace() && peek() == '<') {
            parsePhraseOperator();
            left = new TsQuery.And(left, parseUnary());
        }
        return left;
    }

    /** Consumes {@code <->} or {@code <N>} exactly as written, no blanks inside. */
    private void parsePhraseOperator() {
        pos++; // '<'
        if (!atEnd() && peek() == '-') {
            pos++;
        } else {
            int start = pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9') {
                pos++;
            }
            // Longer than 5 digits is out of range anyway; avoids overflow in parseInt.
            if (pos == start
                    || pos - start > 5
                    || Integer.parseInt(text, start, pos, 10) > TsQuery.MAX_PHRASE_DISTANCE) {
                throw TsQuery.invalidQuery();
            }
        }
        if (atEnd() || peek() != '>') {
            throw TsQuery.invalidQuery();
        }
        pos++;
    }

    private TsQuery parseUnary() {
        skipSpace();
        if (atEnd()) {
            throw TsQuery.invalidQuery();
        }
        char c = peek();
        switch (c) {
            case '!' -> {
                pos++;
                enter();
                TsQuery operand = parseUnary();
                nesting--;
                return new TsQuery.Not(operand);
            }
            case '(' -> {
                pos++;
                enter();
                TsQuery inner = parseOr();
                skipSpace();
                if (atEnd() || peek() != ')') {
                    throw TsQuery.invalidQuery();
                }
                pos++;
                nesting--;
                return inner;
            }
            case '&', '|', ')', '<', ':' -> throw TsQuery.invalidQuery();
            default -> {
                return parseOperand();
            }
        }
    }

    private void enter() {
        if (++nesting > TsQuery.MAX_NESTING) {
            throw TsQuery.tooDeep();
        }
    }

    private TsQuery parseOperand() {
        if (++terms > TsQuery.MAX_TERMS) {
            throw TsQuery.tooManyTerms();
        }
        String value = peek() == '\'' ? quotedValue() : bareValue();
        boolean prefix = false;
        if (!atEnd() && peek() == ':') {
            pos++;
            // Weights (A-D) are accepted and ignored: CKAN's tsvectors carry none.
            while (!atEnd() && "*aAbBcCdD".indexOf(peek()) >= 0) {
                prefix |= peek() == '*';
                pos++;
            }
        }
        return new TsQuery.Term(value, prefix);
    }

    private String quotedValue() {
        pos++; // opening quote
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw TsQuery.invalidQuery();
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (!atEnd() && peek() == '\'') {
                    value.append('\'');
                    pos++;
                } else {
                    break;
                }
            } else if (c == '\\' && !atEnd()) {
                value.append(text.charAt(pos++));
            } else {
                value.append(c);
            }
        }
        if (value.isEmpty()) {
            throw TsQuery.invalidQuery();
        }
        return value.toString();
    }

    private String bareValue() {
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            if (isSpace(c) || isDelimiter(c)) {
                break;
            }
            pos++;
            if (c == '\\') {
                if (atEnd()) {
                    throw TsQuery.invalidQuery();
                }
                value.append(text.charAt(pos++));
            } else {
                value.append(c);
            }
        }
        if (value.isEmpty()) {
            throw TsQuery.invalidQuery();
        }
        return value.toString();
    }

    private static boolean isDelimiter(char c) {
        return c == '!' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == ':';
    }

    /** Skips blanks; returns whether any text is left. */
    private boolean skipSpace() {
        while (!atEnd() && isSpace(peek())) {
            pos++;
        }
        return !atEnd();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c > 127 && Character.isWhitespace(c));
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }
}
