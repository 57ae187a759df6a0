package datastore.infrastructure.engines.fulltext;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Splits text into the tokens PostgreSQL's default text-search parser ({@code ts_debug}) produces:
 * words, hyphenated words and their parts, numbers, versions, hosts, emails, URLs, file paths;
 * blanks are dropped, HTML tags and entities are reported but not indexed.
 *
 * <p>Written from PostgreSQL's observable behaviour in a UTF-8 database with a glibc locale. Where
 * the C parser backtracks, each recogniser below keeps the end of the longest complete token seen
 * so far ({@code fallback}) and returns it when a longer attempt fails. Scanners are loops, not
 * recursion, so hostile input cannot overflow the stack.
 */
final class PostgresTextParser {

    /** Receives each non-blank token in order. */
    @FunctionalInterface
    interface Sink {
        void token(TokenType type, String text);
    }

    private PostgresTextParser() {}

    static void parse(String text, Sink sink) {
        new Run(text.codePoints().toArray(), sink).run();
    }

    private enum Kind {
        ASCII,
        WORD,
        NUM
    }

    private enum HostState {
        FIRST_DOMAIN,
        DOMAIN_SECOND,
        DOMAIN,
        FIRST_AN,
        IN_HOST
    }

    private enum FileState {
        FIRST,
        TWIDDLE,
        PATH_FIRST,
        PATH_FIRST_FIRST,
        PATH_SECOND,
        IN_FILE
    }

    private static final class Run {
        private final int[] cp;
        private final int n;
        private final Sink sink;
        /** Inside {@code <script>} or {@code <style>}: everything up to the next tag is blank. */
        private boolean ignore;
        /** Parsing the host part of an email: no nested email, no URL. */
        private boolean hostOnly;
        /** Type of the token a successful host/file/number recogniser found. */
        private @Nullable TokenType found;
        /** Where the host ends inside a URL token just found. */
        private int urlHostEnd;
        /** The kind of the word part scanPart last scanned. */
        private @Nullable Kind partKind;
        /** Host-scan states (state * (n + 1) + position) known to lead to no host name. */
        private @Nullable BitSet hostFails;
        /** The states the current host scan has passed. */
        private int[] trail = new int[16];

        private int trailSize;
        /** No comment terminator exists at or after this position. */
        private int noCommentEndFrom = Integer.MAX_VALUE;

        /** The type the recogniser that just succeeded set; every successful recogniser sets one. */
        private TokenType found() {
            return Objects.requireNonNull(found, "no recogniser set the token type");
        }

        /** The kind of the word part scanPart just scanned; only read after a scanPart. */
        private Kind partKind() {
            return Objects.requireNonNull(partKind, "no word part scanned");
        }

        Run(int[] cp, Sink sink) {
            this.cp = cp;
            this.n = cp.length;
            this.sink = sink;
        }

        void run() {
            int p = 0;
            while (p < n) {
                p = token(p);
            }
        }

        /** Emits the token (if any) starting at p and returns where the next one starts. */
        private int token(int p) {
            int c = cp[p];
            if (c == '<') {
                int end = tag(p);
                if (end >= 0) {
                    return emit(TokenType.TAG, p, end);
                }
            }
            if (ignore) {
                int q = p + 1;
                while (q < n && cp[q] != '<') {
                    q++;
                }
                return q;
            }
            if (isAsciiLetter(c)) {
                return word(p, p + 1, Kind.ASCII);
            }
            if (isAlpha(c)) {
                return word(p, p + 1, Kind.WORD);
            }
            if (isDigit(c)) {
                return unsignedNumber(p);
            }
            if ((c == '-' || c == '+') && p + 1 < n && isDigit(cp[p + 1])) {
                return signedNumber(p);
            }
            int end =
                    switch (c) {
                        case '&' -> entity(p + 1);
                        case '~' -> file(p + 1, FileState.TWIDDLE);
                        case '/' -> file(p + 1, FileState.FIRST);
                        case '.' -> file(p + 1, FileState.PATH_FIRST_FIRST);
                        default -> -1;
                    };
            if (end >= 0) {
                return emit(found(), p, end);
            }
            return blank(p);
        }

        private int blank(int p) {
            int q = p + 1;
            while (q < n) {
                int c = cp[q];
                if (c == '<' || c == '-' || c == '+' || c == '&' || c == '/' || isAlnum(c)) {
                    break;
                }
                q++;
            }
            return q;
        }

        // ---- words ----

        private int word(int s, int i, Kind kind) {
            while (i < n) {
                int c = cp[i];
                int end;
                switch (kind) {
                    case ASCII -> {
                        if (isAsciiLetter(c)) {
                            i++;
                            continue;
                        }
                        switch (c) {
                            case '.' -> {
                                end = host(i + 1, HostState.FIRST_DOMAIN);
                                if (end >= 0) {
                                    return emitHostLike(s, end);
                                }
                                if (i + 1 < n && isFileChar(cp[i + 1])) {
                                    return emit(TokenType.FILE, s, file(i + 2, FileState.IN_FILE));
                                }
                                return emitWord(kind, s, i);
                            }
                            case '-' -> {
                                end = host(i + 1, HostState.FIRST_AN);
                                if (end >= 0) {
                                    return emitHostLike(s, end);
                                }
                                end = hyphenated(s, i, kind);
                                return end >= 0 ? end : emitWord(kind, s, i);
                            }
                            case '_' -> {
                                end = host(i + 1, HostState.FIRST_AN);
                                return end >= 0 ? emitHostLike(s, end) : emitWord(kind, s, i);
                            }
                            case '@' -> {
                                end = email(i + 1);
                                return end >= 0 ? emit(TokenType.EMAIL, s, end) : emitWord(kind, s, i);
                            }
                            case ':' -> {
                                if (i + 2 < n && cp[i + 1] == '/' && cp[i + 2] == '/') {
                                    return emit(TokenType.PROTOCOL, s, i + 3);
                                }
                                return emitWord(kind, s, i);
                            }
                            case '/' -> {
                                end = file(i + 1, FileState.FIRST);
                                return end >= 0 ? emit(TokenType.FILE, s, end) : emitWord(kind, s, i);
                            }
                            default -> {}
                        }
                        if (isDigit(c)) {
                            end = host(i + 1, HostState.IN_HOST);
                            if (end >= 0) {
                                return emitHostLike(s, end);
                            }
                            kind = Kind.NUM;
                        } else if (isAlpha(c) || isSpecial(c)) {
                            kind = Kind.WORD;
                        } else {
                            return emitWord(kind, s, i);
                        }
                        i++;
                    }
                    case WORD -> {
                        if (isAlpha(c) || isSpecial(c)) {
                            i++;
                        } else if (isDigit(c)) {
                            kind = Kind.NUM;
                            i++;
                        } else {
                            end = c == '-' ? hyphenated(s, i, kind) : -1;
                            return end >= 0 ? end : emitWord(kind, s, i);
                        }
                    }
                    case NUM -> {
                        if (isAlnum(c) || isSpecial(c)) {
                            i++;
                            continue;
                        }
                        switch (c) {
                            case '@' -> {
                                end = email(i + 1);
                                return end >= 0 ? emit(TokenType.EMAIL, s, end) : emitWord(kind, s, i);
                            }
                            case '/' -> {
                                end = file(i + 1, FileState.FIRST);
                                return end >= 0 ? emit(TokenType.FILE, s, end) : emitWord(kind, s, i);
                            }
                            case '.' -> {
                                if (i + 1 < n && isFileChar(cp[i + 1])) {
                                    return emit(TokenType.FILE, s, file(i + 2, FileState.IN_FILE));
                                }
                                return emitWord(kind, s, i);
                            }
                            case '-' -> {
                                end = hyphenated(s, i, kind);
                                return end >= 0 ? end : emitWord(kind, s, i);
                            }
                            default -> {
                                return emitWord(kind, s, i);
                            }
                        }
                    }
                }
            }
            return emitWord(kind, s, n);
        }

        private int emitWord(Kind kind, int s, int e) {
            TokenType type =
                    switch (kind) {
                        case ASCII -> TokenType.ASCIIWORD;
                        case WORD -> TokenType.WORD;
                        case NUM -> TokenType.NUMWORD;
                    };
            return emit(type, s, e);
        }

        /**
         * A hyphenated word starting at s whose first hyphen is at dash: emits the whole word and then
         * its parts, returning where parsing resumes; -1 if no part follows the first hyphen.
         */
        private int hyphenated(int s, int dash, Kind kind) {
            int end = -1;
            Kind endKind = kind;
            int i = dash;
            while (true) {
                int j = i + 1;
                if (j >= n) {
                    break;
                }
                int c = cp[j];
                if (isDigit(c)) {
                    // Digits alone do not make a part: letters must follow them.
                    while (j < n && isDigit(cp[j])) {
                        j++;
                    }
                    if (j >= n || !(isAlpha(cp[j]) || isSpecial(cp[j]))) {
                        break;
                    }
                    kind = Kind.NUM;
                } else if (!isAlpha(c)) {
                    break;
                } else if (kind == Kind.ASCII && !isAsciiLetter(c)) {
                    kind = Kind.WORD;
                }
                j = scanPart(j + 1, kind);
                kind = partKind();
                end = j;
                endKind = kind;
                if (j < n && cp[j] == '-') {
                    i = j;
                } else {
                    break;
                }
            }
            if (end < 0) {
                return -1;
            }
            TokenType whole =
                    switch (endKind) {
                        case ASCII -> TokenType.ASCIIHWORD;
                        case WORD -> TokenType.HWORD;
                        case NUM -> TokenType.NUMHWORD;
                    };
            emit(whole, s, end);
            return parts(s);
        }

        /** Scans the rest of a word part from i; leaves the part's final kind in partKind. */
        private int scanPart(int i, Kind kind) {
            while (i < n) {
                int c = cp[i];
                if (kind == Kind.ASCII && isAsciiLetter(c)) {
                    i++;
                } else if (kind != Kind.NUM && (isAlpha(c) || isSpecial(c))) {
                    kind = Kind.WORD;
                    i++;
                } else if (isDigit(c) || (kind == Kind.NUM && (isAlnum(c) || isSpecial(c)))) {
                    kind = Kind.NUM;
                    i++;
                } else {
                    break;
                }
            }
            partKind = kind;
            return i;
        }

        /** Emits the parts of the hyphenated word at s; returns where parsing resumes. */
        private int parts(int s) {
            int i = s;
            while (i < n) {
                int c = cp[i];
                int end;
                if (isAsciiLetter(c)) {
                    end = scanPart(i + 1, Kind.ASCII);
                } else if (isAlpha(c)) {
                    end = scanPart(i + 1, Kind.WORD);
                } else if (isDigit(c)) {
                    int j = i + 1;
                    while (j < n && isDigit(cp[j])) {
                        j++;
                    }
                    if (j >= n || !(isAlpha(cp[j]) || isSpecial(cp[j]))) {
                        return i;
                    }
                    end = scanPart(j, Kind.NUM);
                } else if (c == '-' && i + 1 < n && (isAlnum(cp[i + 1]) || isSpecial(cp[i + 1]))) {
                    i++;
                    continue;
                } else {
                    return i;
                }
                TokenType type =
                        switch (partKind()) {
                            case ASCII -> TokenType.HWORD_ASCIIPART;
                            case WORD -> TokenType.HWORD_PART;
                            case NUM -> TokenType.HWORD_NUMPART;
                        };
                emit(type, i, end);
                i = end;
            }
            return i;
        }

        // ---- numbers ----

        private int unsignedNumber(int s) {
            int i = skipDigits(s + 1);
            if (i >= n) {
                return emit(TokenType.UINT, s, i);
            }
            int c = cp[i];
            int end;
            if (c == '.') {
                end = host(i + 1, HostState.FIRST_DOMAIN);
                if (end >= 0) {
                    return emitHostLike(s, end);
                }
                end = fraction(i + 1);
                return end >= 0 ? emit(found(), s, end) : emit(TokenType.UINT, s, i);
            }
            if (c == 'e' || c == 'E') {
                end = exponent(i + 1);
                if (end >= 0) {
                    return emit(TokenType.SFLOAT, s, end);
                }
            }
            if (c == '-' || c == '_') {
                end = host(i + 1, HostState.FIRST_AN);
                return end >= 0 ? emitHostLike(s, end) : emit(TokenType.UINT, s, i);
            }
            if (c == '@') {
                end = email(i + 1);
                return end >= 0 ? emit(TokenType.EMAIL, s, end) : emit(TokenType.UINT, s, i);
            }
            if (isAsciiLetter(c)) {
                end = host(i + 1, HostState.IN_HOST);
                if (end >= 0) {
                    return emitHostLike(s, end);
                }
            }
            if (isAlpha(c) || isSpecial(c)) {
                return word(s, i + 1, Kind.NUM);
            }
            if (c == '/') {
                end = file(i + 1, FileState.FIRST);
                if (end >= 0) {
                    return emit(TokenType.FILE, s, end);
                }
            }
            return emit(TokenType.UINT, s, i);
        }

        /** Digits after an unsigned integer's dot: a float, a version or a scientific number. */
        private int fraction(int i) {
            if (i >= n || !isDigit(cp[i])) {
                return -1;
            }
            int j = skipDigits(i + 1);
            if (j + 1 < n && cp[j] == '.' && isDigit(cp[j + 1])) {
                j = skipDigits(j + 2);
                while (j + 1 < n && cp[j] == '.' && isDigit(cp[j + 1])) {
                    j = skipDigits(j + 2);
                }
                found = TokenType.VERSION;
                return j;
            }
            if (j < n && (cp[j] == 'e' || cp[j] == 'E')) {
                int end = exponent(j + 1);
                if (end >= 0) {
                    found = TokenType.SFLOAT;
                    return end;
                }
            }
            found = TokenType.FLOAT;
            return j;
        }

        private int signedNumber(int p) {
            int j = skipDigits(p + 2);
            if (j + 1 < n && cp[j] == '.' && isDigit(cp[j + 1])) {
                int k = skipDigits(j + 2);
                if (k + 1 < n && cp[k] == '.' && isDigit(cp[k + 1])) {
                    // A signed version: PostgreSQL drops the sign and restarts at the digits.
                    return p + 1;
                }
                int end = k < n && (cp[k] == 'e' || cp[k] == 'E') ? exponent(k + 1) : -1;
                return end >= 0 ? emit(TokenType.SFLOAT, p, end) : emit(TokenType.FLOAT, p, k);
            }
            int end = j < n && (cp[j] == 'e' || cp[j] == 'E') ? exponent(j + 1) : -1;
            return end >= 0 ? emit(TokenType.SFLOAT, p, end) : emit(TokenType.INT, p, j);
        }

        /** The digits after an e/E, optionally signed; -1 if there are none. */
        private int exponent(int i) {
            if (i < n && (cp[i] == '+' || cp[i] == '-')) {
                i++;
            }
            return i < n && isDigit(cp[i]) ? skipDigits(i + 1) : -1;
        }

        private int skipDigits(int i) {
            while (i < n && isDigit(cp[i])) {
                i++;
            }
            return i;
        }

        // ---- hosts, emails, URLs ----

        private int emitHostLike(int s, int end) {
            if (found == TokenType.URL) {
                int hostEnd = urlHostEnd;
                emit(TokenType.URL, s, end);
                emit(TokenType.HOST, s, hostEnd);
                return emit(TokenType.URL_PATH, hostEnd, end);
            }
            return emit(found(), s, end);
        }

        /**
         * Continues a host name from i in the given state. Returns its end with found set to HOST,
         * EMAIL or URL, or -1. A host needs a dot and ends in a label of two or more ASCII letters.
         */
        private int host(int i, HostState state) {
            int fallback = -1;
            if (!hostOnly) {
                trailSize = 0;
            }
            int trailMark = 0;
            while (true) {
                if (!hostOnly) {
                    int key = state.ordinal() * (n + 1) + i;
                    if (hostFails != null && hostFails.get(key)) {
                        return hostFailed(fallback, trailMark);
                    }
                    if (trailSize == trail.length) {
                        trail = Arrays.copyOf(trail, trailSize * 2);
                    }
                    trail[trailSize++] = key;
                }
                int c = i < n ? cp[i] : -1;
                switch (state) {
                    case FIRST_DOMAIN -> {
                        if (isAsciiLetter(c)) {
                            state = HostState.DOMAIN_SECOND;
                        } else if (isDigit(c)) {
                            state = HostState.IN_HOST;
                        } else {
                            return hostFailed(fallback, trailMark);
                        }
                    }
                    case DOMAIN_SECOND -> {
                        if (isAsciiLetter(c)) {
                            state = HostState.DOMAIN;
                        } else if (isDigit(c)) {
                            state = HostState.IN_HOST;
                        } else if (c == '-' || c == '_') {
                            state = HostState.FIRST_AN;
                        } else if (c == '.') {
                            state = HostState.FIRST_DOMAIN;
                        } else if (c == '@') {
                            int end = email(i + 1);
                            return end >= 0 ? end : hostFailed(fallback, trailMark);
                        } else {
                            return hostFailed(fallback, trailMark);
                        }
                    }
                    case DOMAIN -> {
                        if (c < 0) {
                            found = TokenType.HOST;
                            return i;
                        }
                        if (isAsciiLetter(c)) {
                            // stay
                        } else if (isDigit(c)) {
                            // A digit after a top-level label: this whole name fails, not just the tail.
                            state = HostState.IN_HOST;
                        } else if (c == '-' || c == '_' || c == '.') {
                            fallback = i;
                            trailMark = trailSize;
                            state = c == '.' ? HostState.FIRST_DOMAIN : HostState.FIRST_AN;
                        } else {
                            return hostEnd(i);
                        }
                    }
                    case FIRST_AN -> {
                        if (isAsciiLetter(c) || isDigit(c)) {
                            state = HostState.IN_HOST;
                        } else {
                            return hostFailed(fallback, trailMark);
                        }
                    }
                    case IN_HOST -> {
                        if (isAsciiLetter(c) || isDigit(c)) {
                            // stay
                        } else if (c == '@') {
                            int end = email(i + 1);
                            return end >= 0 ? end : hostFailed(fallback, trailMark);
                        } else if (c == '.') {
                            state = HostState.FIRST_DOMAIN;
                        } else if (c == '-' || c == '_') {
                            state = HostState.FIRST_AN;
                        } else {
                            return hostFailed(fallback, trailMark);
                        }
                    }
                }
                i++;
            }
        }

        /** A complete host name ends at i, unless a port, an email or a URL path extends it. */
        private int hostEnd(int i) {
            int c = cp[i];
            if (c == ':' && i + 1 < n && isDigit(cp[i + 1])) {
                int portEnd = skipDigits(i + 2);
                int end = hostOnly || portEnd >= n || cp[portEnd] != '/' ? -1 : urlPath(portEnd + 1);
                if (end >= 0) {
                    urlHostEnd = portEnd;
                    found = TokenType.URL;
                    return end;
                }
                found = TokenType.HOST;
                return portEnd;
            }
            if (c == '@' && !hostOnly) {
                int end = email(i + 1);
                if (end >= 0) {
                    return end;
                }
            }
            if (c == '/' && !hostOnly) {
                int end = urlPath(i + 1);
                if (end >= 0) {
                    urlHostEnd = i;
                    found = TokenType.URL;
                    return end;
                }
            }
            found = TokenType.HOST;
            return i;
        }

        private int hostFallback(int fallback) {
            if (fallback >= 0) {
                found = TokenType.HOST;
            }
            return fallback;
        }

        /**
         * The scan failed after the last complete host name: remembers that every state it passed
         * since then leads nowhere, so that scans starting later in the same run stop there at once
         * instead of rescanning (which would be quadratic on input such as {@code a_a_a_a…}).
         */
        private int hostFailed(int fallback, int trailMark) {
            if (!hostOnly) {
                if (hostFails == null) {
                    hostFails = new BitSet();
                }
                for (int k = trailMark; k < trailSize; k++) {
                    hostFails.set(trail[k]);
                }
            }
            return hostFallback(fallback);
        }

        /** The rest of a URL after the slash that follows its host; -1 if empty. */
        private int urlPath(int i) {
            int j = i;
            while (j < n && isUrlChar(cp[j])) {
                j++;
            }
            return j > i ? j : -1;
        }

        /** An email whose '@' precedes i: the host after it must be a complete host token. */
        private int email(int i) {
            if (hostOnly || i >= n) {
                return -1;
            }
            hostOnly = true;
            try {
                int end = hostToken(i);
                if (end >= 0 && found == TokenType.HOST) {
                    found = TokenType.EMAIL;
                    return end;
                }
                return -1;
            } finally {
                hostOnly = false;
            }
        }

        /** The end of the token starting at i if that token is a host name, else -1. */
        private int hostToken(int i) {
            int c = cp[i];
            if (isAsciiLetter(c)) {
                int j = i + 1;
                while (j < n && isAsciiLetter(cp[j])) {
                    j++;
                }
                if (j >= n) {
                    return -1;
                }
                int d = cp[j];
                if (d == '.') {
                    return host(j + 1, HostState.FIRST_DOMAIN);
                }
                if (d == '-' || d == '_') {
                    return host(j + 1, HostState.FIRST_AN);
                }
                return isDigit(d) ? host(j + 1, HostState.IN_HOST) : -1;
            }
            if (isDigit(c)) {
                int j = skipDigits(i + 1);
                if (j >= n) {
                    return -1;
                }
                int d = cp[j];
                if (d == '.') {
                    return host(j + 1, HostState.FIRST_DOMAIN);
                }
                if ((d == 'e' || d == 'E') && exponent(j + 1) >= 0) {
                    return -1;
                }
                if (d == '-' || d == '_') {
                    return host(j + 1, HostState.FIRST_AN);
                }
                return isAsciiLetter(d) ? host(j + 1, HostState.IN_HOST) : -1;
            }
            return -1;
        }

        // ---- file paths ----

        /** A file path continued from i in the given state; sets found to FILE. */
        private int file(int i, FileState state) {
            int fallback = -1;
            while (true) {
                int c = i < n ? cp[i] : -1;
                switch (state) {
                    case FIRST -> {
                        if (isFileChar(c)) {
                            state = FileState.IN_FILE;
                        } else if (c == '.') {
                            state = FileState.PATH_FIRST;
                        } else if (c == '~') {
                            state = FileState.TWIDDLE;
                        } else {
                            return fileFallback(fallback);
                        }
                    }
                    case TWIDDLE -> {
                        if (isFileChar(c)) {
                            state = FileState.IN_FILE;
                        } else if (c == '/') {
                            state = FileState.FIRST;
                        } else {
                            return fileFallback(fallback);
                        }
                    }
                    case PATH_FIRST -> {
                        if (isFileChar(c)) {
                            state = FileState.IN_FILE;
                        } else if (c == '.') {
                            state = FileState.PATH_SECOND;
                        } else if (c == '/') {
                            state = FileState.FIRST;
                        } else {
                            return fileFallback(fallback);
                        }
                    }
                    case PATH_FIRST_FIRST -> {
                        if (c == '.') {
                            state = FileState.PATH_SECOND;
                        } else if (c == '/') {
                            state = FileState.FIRST;
                        } else {
                            return fileFallback(fallback);
                        }
                    }
                    case PATH_SECOND -> {
                        if (c < 0 || isSpace(c)) {
                            found = TokenType.FILE;
                            return i;
                        }
                        if (c != '/') {
                            return fileFallback(fallback);
                        }
                        fallback = i;
                        state = FileState.FIRST;
                    }
                    case IN_FILE -> {
                        if (isFileChar(c) || c == '-') {
                            // stay
                        } else if (c == '.' && i + 1 < n && isFileChar(cp[i + 1])) {
                            i++;
                        } else if (c == '/') {
                            fallback = i;
                            state = FileState.FIRST;
                        } else {
                            found = TokenType.FILE;
                            return i;
                        }
                    }
                }
                i++;
            }
        }

        private int fileFallback(int fallback) {
            if (fallback >= 0) {
                found = TokenType.FILE;
            }
            return fallback;
        }

        // ---- tags and entities (not indexed) ----

        /** An HTML/XML tag or comment starting with the '<' at p; -1 if there is none. */
        private int tag(int p) {
            int i = p + 1;
            if (i >= n) {
                return -1;
            }
            int c = cp[i];
            if (c == '/') {
                return i + 1 < n && isAsciiLetter(cp[i + 1]) ? tagName(p, i + 2) : -1;
            }
            if (c == '!') {
                if (i + 2 < n && cp[i + 1] == '-' && cp[i + 2] == '-') {
                    return comment(i + 3);
                }
                return i + 1 < n && (cp[i + 1] == 'D' || cp[i + 1] == 'd') ? tagBody(p, i + 2) : -1;
            }
            if (c == '?') {
                return i + 1 < n && cp[i + 1] == 'x' ? tagBody(p, i + 2) : -1;
            }
            return isAsciiLetter(c) || c == ':' || c == '_' ? tagName(p, i + 1) : -1;
        }

        private int tagName(int p, int i) {
            while (i < n) {
                int c = cp[i];
                if (c == '/') {
                    return i + 1 < n && cp[i + 1] == '>' ? i + 2 : -1;
                }
                if (c == '>') {
                    scriptOrStyle(p, i);
                    return i + 1;
                }
                if (isSpace(c)) {
                    scriptOrStyle(p, i);
                    return tagBody(p, i + 1);
                }
                if (!(isAlnum(c) || c == ':' || c == '_' || c == '.' || c == '-')) {
                    return -1;
                }
                i++;
            }
            return -1;
        }

        private int tagBody(int p, int i) {
            while (i < n) {
                int c = cp[i];
                if (c == '>') {
                    scriptOrStyle(p, i);
                    return i + 1;
                }
                if (c == '\'' || c == '"') {
                    i++;
                    while (i < n && cp[i] != c) {
                        i += cp[i] == '\\' ? 2 : 1;
                    }
                    if (i >= n) {
                        return -1;
                    }
                } else if (isSpace(c)) {
                    scriptOrStyle(p, i);
                } else if (!(isAsciiLetter(c) || isDigit(c) || "=-_#/:.&?%~".indexOf(c) >= 0)) {
                    return -1;
                }
                i++;
            }
            return -1;
        }

        private int comment(int start) {
            if (start >= noCommentEndFrom) {
                return -1;
            }
            int dashes = 0;
            for (int i = start; i < n; i++) {
                int c = cp[i];
                if (c == '>' && dashes >= 2) {
                    return i + 1;
                }
                dashes = c == '-' ? dashes + 1 : 0;
            }
            noCommentEndFrom = start;
            return -1;
        }

        /** PostgreSQL skips the content of script and style elements, judged as each tag is read. */
        private void scriptOrStyle(int p, int i) {
            switch (i - p) {
                case 8 -> {
                    if (startsWithIgnoreCase(p, "</script")) {
                        ignore = false;
                    }
                }
                case 7 -> {
                    if (startsWithIgnoreCase(p, "</style")) {
                        ignore = false;
                    } else if (startsWithIgnoreCase(p, "<script")) {
                        ignore = true;
                    }
                }
                case 6 -> {
                    if (startsWithIgnoreCase(p, "<style")) {
                        ignore = true;
                    }
                }
                default -> {}
            }
        }

        private boolean startsWithIgnoreCase(int p, String prefix) {
            for (int k = 0; k < prefix.length(); k++) {
                int c = cp[p + k];
                if (c >= 128 || Character.toLowerCase(c) != prefix.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** An XML entity after its '&' ({@code &amp;}, {@code &#38;}, {@code &#x26;}); -1 if none. */
        private int entity(int i) {
            if (i >= n) {
                return -1;
            }
            int c = cp[i];
            int j;
            if (c == '#') {
                j = i + 1;
                boolean hex = j < n && (cp[j] == 'x' || cp[j] == 'X');
                if (hex) {
                    j++;
                }
                int start = j;
                while (j < n && (hex ? isHexDigit(cp[j]) : isDigit(cp[j]))) {
                    j++;
                }
                if (j == start) {
                    return -1;
                }
            } else if (isAsciiLetter(c) || c == ':' || c == '_') {
                j = i + 1;
                while (j < n && (isAlnum(cp[j]) || cp[j] == ':' || cp[j] == '_' || cp[j] == '.' || cp[j] == '-')) {
                    j++;
                }
            } else {
                return -1;
            }
            if (j < n && cp[j] == ';') {
                found = TokenType.ENTITY;
                return j + 1;
            }
            return -1;
        }

        private int emit(TokenType type, int s, int e) {
            sink.token(type, new String(cp, s, e - s));
            return e;
        }
    }

    // ---- character classes, as glibc classifies them in a UTF-8 locale ----

    static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** glibc counts non-ASCII digits (٣, १) and letter numbers (Ⅻ) as letters. */
    static boolean isAlpha(int c) {
        return c < 128 ? isAsciiLetter(c) : Character.isAlphabetic(c) || Character.isDigit(c);
    }

    static boolean isAlnum(int c) {
        return isDigit(c) || isAlpha(c);
    }

    /** Combining marks: not letters, but they do not break a word either. */
    static boolean isSpecial(int c) {
        if (c < 128) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 128 && Character.isWhitespace(c));
    }

    private static boolean isFileChar(int c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Printable ASCII except characters RFC 3986 forbids in a URL. */
    private static boolean isUrlChar(int c) {
        return c > 0x20 && c < 0x7F && "\"<>\\^`{|}".indexOf(c) < 0;
    }
}
