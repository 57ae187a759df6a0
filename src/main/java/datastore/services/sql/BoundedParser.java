package datastore.services.sql;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Provider;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statements;

/**
 * Parses user SQL with JSqlParser on a few platform threads, within one deadline that really stops the
 * work. JSqlParser's own timeout only stops waiting: its lookahead can backtrack for minutes over tokens
 * it has already read, checking its interrupt flag in few places. On a timeout this parser therefore
 * cuts the input and points every token read so far at end-of-input, so the abandoned parse fails at its
 * next step and its thread is free again.
 */
final class BoundedParser {
    /** Why a parse did not finish in time. */
    static final class TimedOut extends Exception {
        TimedOut() {
            super("Query is too complex to parse", null, false, false);
        }
    }

    private final ThreadPoolExecutor threads;
    private final Duration timeout;

    /** At most {@code threads} parses run at once (others wait, within their deadline); idle threads end. */
    BoundedParser(int threads, Duration timeout) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout is null");
        this.threads =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "sql-guard-parser");
                    thread.setDaemon(true);
                    return thread;
                });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** The deadline of a check that starts now. */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Parses {@code sql} as JSqlParser's {@code parseStatements} does — simple parsing first, complex
     * parsing only when that fails and the nesting is shallow — but both attempts share one deadline,
     * which also covers any wait for a free parser thread.
     */
    Statements parse(String sql, Consumer<CCJSqlParser> features, long deadline) throws JSQLParserException, TimedOut {
        try {
            return attempt(sql, features, false, deadline);
        } catch (JSQLParserException simpleFailed) {
            if (CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
                throw simpleFailed;
            }
            return attempt(sql, features, true, deadline);
        }
    }

    private Statements attempt(String sql, Consumer<CCJSqlParser> features, boolean complex, long deadline)
            throws JSQLParserException, TimedOut {
        CutOff input = new CutOff(sql);
        CCJSqlParser parser = new CCJSqlParser(input);
        features.accept(parser);
        parser.withAllowComplexParsing(complex);
        Future<Statements> result = threads.submit(parser::Statements);
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            return result.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(parser, input);
            result.cancel(true);
            throw new TimedOut();
        } catch (InterruptedException e) {
            abandon(parser, input);
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimedOut();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StackOverflowError overflow) {
                throw overflow;
            }
            throw new JSQLParserException(cause);
        }
    }

    /**
     * Makes a running parse fail fast: no more input, JSqlParser's interrupt flag set, and every token
     * from the parser's position on followed by end-of-input, so lookahead over the tokens already read
     * stops matching at once.
     */
    private static void abandon(CCJSqlParser parser, CutOff input) {
        input.cut();
        parser.interrupted = true;
        Token end = new Token(CCJSqlParserConstants.EOF, "");
        end.next = end;
        Token t = parser.token;
        // Bounded by the tokens read so far; a racing parser thread can only shorten the chain.
        for (int seen = 0; t != null && t != end && seen < 10_000_000; seen++) {
            Token next = t.next;
            t.next = end;
            t = next;
        }
    }

    /** The SQL text, which reads as ended once cut. */
    private static final class CutOff implements Provider {
        private final String text;
        private int position;
        private volatile boolean cut;

        CutOff(String text) {
            this.text = text;
        }

        void cut() {
            cut = true;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (cut || position >= text.length()) {
                return -1;
            }
            int n = Math.min(length, text.length() - position);
            text.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() {}
    }
}
