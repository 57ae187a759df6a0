package datastore.infrastructure.engines.fulltext;

import datastore.core.errors.ApiException;
import datastore.core.text.TsQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.GreekStemmer;
import org.tartarus.snowball.ext.HindiStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IndonesianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NepaliStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TamilStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;
import org.tartarus.snowball.ext.YiddishStemmer;

/**
 * PostgreSQL full-text analysis ({@code to_tsvector}, {@code plainto_tsquery}, {@code to_tsquery})
 * emulated with PostgreSQL's default parser rules, its stop lists and Lucene's Snowball stemmers,
 * for every built-in PostgreSQL text-search configuration. Thread-safe.
 *
 * <p>Known differences from PostgreSQL 15 (kept asserted in {@code PostgresAgreementTest}): phrase
 * operators are evaluated as and, weights are ignored, and Lucene's Snowball 3 stemmers differ from
 * PostgreSQL's Snowball 2.2 on a few words (german ae/oe/ue and "system", swedish -öst, romanian ș/ț).
 */
public final class TextAnalyzer {
    /** The configuration CKAN's {@code _full_text} column is built with. */
    public static final String DEFAULT_LANGUAGE = "english";

    /** PostgreSQL skips words this long (in UTF-8 bytes) with "word is too long to be indexed". */
    private static final int MAX_WORD_BYTES = 2048;

    private static final class Shared {
        static final TextAnalyzer INSTANCE = new TextAnalyzer();
    }

    /** One configuration: the dictionaries for ASCII words and for other words; null means simple. */
    private record Config(
            @Nullable SnowballDictionary asciiWords,
            @Nullable SnowballDictionary words) {}

    private final Map<String, Config> configs;
    private final Config defaultConfig;

    public TextAnalyzer() {
        Map<String, SnowballDictionary> dictionaries = new LinkedHashMap<>();
        stemmers()
                .forEach((language, stemmer) -> dictionaries.put(language, new SnowballDictionary(language, stemmer)));
        Map<String, Config> byName = new LinkedHashMap<>();
        byName.put("simple", new Config(null, null));
        SnowballDictionary english = dictionaries.get("english");
        dictionaries.forEach((language, dictionary) -> {
            // As in PostgreSQL, russian and hindi send all-ASCII words to the english stemmer.
            boolean englishForAscii = language.equals("russian") || language.equals("hindi");
            byName.put(language, new Config(englishForAscii ? english : dictionary, dictionary));
        });
        this.configs = Map.copyOf(byName);
        this.defaultConfig = Objects.requireNonNull(byName.get(DEFAULT_LANGUAGE), "no default configuration");
    }

    /** A process-wide instance; construction loads every stop list once. */
    public static TextAnalyzer shared() {
        return Shared.INSTANCE;
    }

    /** Whether PostgreSQL has a text-search configuration of this name (e.g. {@code german}). */
    public boolean supports(@Nullable String language) {
        return language != null && configs.containsKey(normalize(language));
    }

    /** The lexemes {@code to_tsvector(language, text)} holds, in text order, duplicates kept. */
    public List<String> lexemes(String text, String language) {
        Objects.requireNonNull(text, "text is null");
        List<String> lexemes = new ArrayList<>();
        analyze(text, config(language), lexemes::add);
        return lexemes;
    }

    /**
     * Runs each term of a parsed {@code to_tsquery} through the analyzer, as PostgreSQL does: a term
     * becomes the {@code And} of its lexemes (each a prefix if the term was), a term without lexemes
     * (a stop word) disappears from its operator, and nothing left means the empty query, which
     * matches no row.
     */
    public Optional<TsQuery> analyze(TsQuery parsed, String language) {
        Objects.requireNonNull(parsed, "parsed is null");
        Config config = config(language);
        Optional<TsQuery> analysed = parsed.fold(new TsQuery.Folder<Optional<TsQuery>>() {
            @Override
            public Optional<TsQuery> term(TsQuery.Term term) {
                List<String> lexemes = new ArrayList<>();
                analyze(term.lexeme(), config, lexemes::add);
                return terms(lexemes, term.prefix());
            }

            @Override
            public Optional<TsQuery> and(Optional<TsQuery> left, Optional<TsQuery> right) {
                return combine(left, right, TsQuery.And::new);
            }

            @Override
            public Optional<TsQuery> or(Optional<TsQuery> left, Optional<TsQuery> right) {
                return combine(left, right, TsQuery.Or::new);
            }

            @Override
            public Optional<TsQuery> not(Optional<TsQuery> operand) {
                return operand.map(TsQuery.Not::new);
            }
        });
        // A term can become several lexemes (a hyphenated word and its parts): count again.
        if (analysed.isPresent() && analysed.get().size() > TsQuery.MAX_TERMS) {
            throw TsQuery.tooManyTerms();
        }
        return analysed;
    }

    /** {@code plainto_tsquery(language, text)}: the {@code And} of all lexemes, empty if none. */
    public Optional<TsQuery> plain(String text, String language) {
        List<String> lexemes = lexemes(text, language);
        if (lexemes.size() > TsQuery.MAX_TERMS) {
            throw TsQuery.tooManyTerms();
        }
        return terms(lexemes, false);
    }

    /**
     * The analysed query of a full-text search: {@code plainto_tsquery} when {@code plain}, else
     * {@code to_tsquery}; a 409 on {@code q} beyond {@link TsQuery#MAX_TERMS} or {@link
     * TsQuery#MAX_NESTING}, a 409 "Invalid query" on a syntax error.
     */
    public Optional<TsQuery> query(String text, boolean plain, String language) {
        if (plain) {
            return plain(text, language);
        }
        return TsQuery.parse(text).flatMap(q -> analyze(q, language));
    }

    /**
     * Enforces the limits of {@link #query} on a search that PostgreSQL evaluates itself, so that both
     * engines refuse the same queries; the syntax and the language stay PostgreSQL's to judge (a
     * configuration this analyzer does not know is counted as {@code simple}, which drops no word).
     */
    public void checkLimits(String text, boolean plain, String language) {
        try {
            query(text, plain, supports(language) ? language : "simple");
        } catch (ApiException e) {
            if (e.fieldErrors().containsKey("q")) {
                throw e;
            }
        }
    }

    /**
     * The stored {@code _full_text} document for a row's user column values (nulls skipped), analysed
     * with {@link #DEFAULT_LANGUAGE}: lexemes in order, duplicates kept, each followed by one space,
     * after a leading space, e.g. {@code " book tolstoy anna "}. See {@link DocumentMatcher}.
     *
     * <p>Like CKAN, the values are joined with spaces and parsed as one text, so that markup spanning
     * two values (a tag, a {@code <script>} element) is treated as PostgreSQL treats it.
     */
    public String document(Iterable<? extends @Nullable String> values) {
        Objects.requireNonNull(values, "values is null");
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            if (value != null) {
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(value);
            }
        }
        StringBuilder document = new StringBuilder(text.length() + 2).append(' ');
        analyze(text.toString(), defaultConfig, lexeme -> document.append(lexeme)
                .append(' '));
        return document.toString();
    }

    private static Optional<TsQuery> combine(
            Optional<TsQuery> left, Optional<TsQuery> right, BinaryOperator<TsQuery> operator) {
        if (left.isEmpty()) {
            return right;
        }
        if (right.isEmpty()) {
            return left;
        }
        return Optional.of(operator.apply(left.get(), right.get()));
    }

    private static Optional<TsQuery> terms(List<String> lexemes, boolean prefix) {
        if (lexemes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TsQuery.allOf(
                lexemes.stream().map(lexeme -> new TsQuery.Term(lexeme, prefix)).toList()));
    }

    private void analyze(String text, Config config, Consumer<String> out) {
        Lexizer lexizer = new Lexizer(config);
        try {
            PostgresTextParser.parse(text, (type, token) -> {
                String lexeme = lexizer.lexize(type, token);
                if (lexeme != null) {
                    out.accept(lexeme);
                }
            });
        } finally {
            lexizer.release();
        }
    }

    private Config config(@Nullable String language) {
        Config config = language == null ? null : configs.get(normalize(language));
        if (config == null) {
            throw new IllegalArgumentException("unknown text search configuration: " + language);
        }
        return config;
    }

    /** PostgreSQL reads the configuration as an identifier: case-insensitive, schema optional. */
    private static String normalize(String language) {
        String name = language.toLowerCase(Locale.ROOT);
        return name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
    }

    /** Lower-cases one code point at a time, as PostgreSQL's towlower loop does (no final sigma). */
    static String lowerCase(String token) {
        int i = 0;
        while (i < token.length()) {
            char c = token.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 128) {
                break;
            }
            i++;
        }
        if (i == token.length()) {
            return token;
        }
        StringBuilder lower = new StringBuilder(token.length()).append(token, 0, i);
        token.codePoints()
                .skip(token.codePointCount(0, i))
                .forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
        return lower.toString();
    }

    private static int utf8Length(String token) {
        int bytes = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Turns tokens into lexemes for one analysis, holding the stemmers it borrowed. */
    private static final class Lexizer {
        private final Config config;
        private @Nullable SnowballStemmer asciiStemmer;
        private @Nullable SnowballStemmer wordStemmer;

        Lexizer(Config config) {
            this.config = config;
        }

        /** The token's lexeme, or null if it is not indexed (blank, tag, stop word, too long). */
        @Nullable
        String lexize(TokenType type, String token) {
            TokenType.Dictionary kind = type.dictionary();
            if (kind == TokenType.Dictionary.NONE) {
                return null;
            }
            int bytes = utf8Length(token);
            if (bytes >= MAX_WORD_BYTES) {
                return null;
            }
            String lower = lowerCase(token);
            if (kind == TokenType.Dictionary.ASCII_STEM && config.asciiWords() != null) {
                if (asciiStemmer == null) {
                    asciiStemmer = config.asciiWords().borrow();
                }
                return config.asciiWords().lexize(lower, bytes, asciiStemmer);
            }
            if (kind == TokenType.Dictionary.STEM && config.words() != null) {
                if (wordStemmer == null) {
                    wordStemmer = config.words().borrow();
                }
                return config.words().lexize(lower, bytes, wordStemmer);
            }
            return lower;
        }

        void release() {
            // A stemmer is only ever borrowed from a dictionary the configuration has.
            SnowballDictionary asciiWords = config.asciiWords();
            if (asciiStemmer != null && asciiWords != null) {
                asciiWords.release(asciiStemmer);
            }
            SnowballDictionary words = config.words();
            if (wordStemmer != null && words != null) {
                words.release(wordStemmer);
            }
        }
    }

    private static Map<String, Supplier<SnowballStemmer>> stemmers() {
        Map<String, Supplier<SnowballStemmer>> stemmers = new LinkedHashMap<>();
        stemmers.put("arabic", ArabicStemmer::new);
        stemmers.put("armenian", ArmenianStemmer::new);
        stemmers.put("basque", BasqueStemmer::new);
        stemmers.put("catalan", CatalanStemmer::new);
        stemmers.put("danish", DanishStemmer::new);
        stemmers.put("dutch", DutchStemmer::new);
        stemmers.put("english", EnglishStemmer::new);
        stemmers.put("finnish", FinnishStemmer::new);
        stemmers.put("french", FrenchStemmer::new);
        stemmers.put("german", GermanStemmer::new);
        stemmers.put("greek", GreekStemmer::new);
        stemmers.put("hindi", HindiStemmer::new);
        stemmers.put("hungarian", HungarianStemmer::new);
        stemmers.put("indonesian", IndonesianStemmer::new);
        stemmers.put("irish", IrishStemmer::new);
        stemmers.put("italian", ItalianStemmer::new);
        stemmers.put("lithuanian", LithuanianStemmer::new);
        stemmers.put("nepali", NepaliStemmer::new);
        stemmers.put("norwegian", NorwegianStemmer::new);
        stemmers.put("portuguese", PortugueseStemmer::new);
        stemmers.put("romanian", RomanianStemmer::new);
        stemmers.put("russian", RussianStemmer::new);
        stemmers.put("serbian", SerbianStemmer::new);
        stemmers.put("spanish", SpanishStemmer::new);
        stemmers.put("swedish", SwedishStemmer::new);
        stemmers.put("tamil", TamilStemmer::new);
        stemmers.put("turkish", TurkishStemmer::new);
        stemmers.put("yiddish", YiddishStemmer::new);
        return stemmers;
    }
}
