package datastore.infrastructure.engines.fulltext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.jspecify.annotations.Nullable;
import org.tartarus.snowball.SnowballStemmer;

/**
 * PostgreSQL's {@code <language>_stem} dictionary: a stop-word list (if PostgreSQL ships one) and a
 * Snowball stemmer. Stemmers are stateful, so idle ones wait in a pool; the dictionary itself is
 * thread-safe.
 */
final class SnowballDictionary {
    /** PostgreSQL returns longer words lower-cased but unstemmed. */
    private static final int MAX_STEMMED_BYTES = 1000;

    private final String language;
    private final CharArraySet stopWords;
    private final Supplier<SnowballStemmer> stemmers;
    private final ConcurrentLinkedQueue<SnowballStemmer> idle = new ConcurrentLinkedQueue<>();
    private final boolean english;

    SnowballDictionary(String language, Supplier<SnowballStemmer> stemmers) {
        this.language = Objects.requireNonNull(language, "language is null");
        this.stemmers = Objects.requireNonNull(stemmers, "stemmers is null");
        this.stopWords = loadStopWords(language);
        this.english = language.equals("english");
    }

    String language() {
        return language;
    }

    /** The lexeme for a lower-cased word, or null for a stop word. */
    @Nullable
    String lexize(String lowerCased, int utf8Length, SnowballStemmer stemmer) {
        if (utf8Length > MAX_STEMMED_BYTES) {
            return lowerCased;
        }
        if (lowerCased.isEmpty() || stopWords.contains(lowerCased)) {
            return null;
        }
        stemmer.setCurrent(lowerCased);
        stemmer.stem();
        String stem = stemmer.getCurrent();
        if (stem.isEmpty()) {
            // PostgreSQL keeps the word when the stemmer strips it entirely (Greek εις, Turkish ları).
            return lowerCased;
        }
        return english ? undoubleShortStem(lowerCased, stem) : stem;
    }

    /**
     * Lucene's Snowball 3 english stemmer keeps the double consonant of a three-letter stem (added →
     * add, ebbed → ebb, erred → err); PostgreSQL 15's Snowball 2 undoubles it (ad, eb, er) like any
     * other stem. Restores the PostgreSQL result.
     */
    private static String undoubleShortStem(String word, String stem) {
        if (stem.length() != 3
                || word.length() <= 3
                || "aeo".indexOf(stem.charAt(0)) < 0
                || stem.charAt(1) != stem.charAt(2)
                || "bdfgmnprt".indexOf(stem.charAt(1)) < 0) {
            return stem;
        }
        String rest = word.substring(3);
        boolean edOrIng = rest.equals("ed") || rest.equals("ing") || rest.equals("edly") || rest.equals("ingly");
        return edOrIng && word.startsWith(stem) ? stem.substring(0, 2) : stem;
    }

    SnowballStemmer borrow() {
        SnowballStemmer stemmer = idle.poll();
        return stemmer != null ? stemmer : stemmers.get();
    }

    void release(SnowballStemmer stemmer) {
        idle.offer(stemmer);
    }

    /** Reads the list as PostgreSQL does: the first blank-delimited word of each line, lower-cased. */
    private static CharArraySet loadStopWords(String language) {
        CharArraySet words = new CharArraySet(256, false);
        String resource = "/datastore/fulltext/stopwords/" + language + ".stop";
        try (InputStream in = SnowballDictionary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return CharArraySet.EMPTY_SET;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip().split("\\s", 2)[0];
                if (!word.isEmpty()) {
                    words.add(TextAnalyzer.lowerCase(word));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stop words " + resource, e);
        }
        return CharArraySet.unmodifiableSet(words);
    }
}
