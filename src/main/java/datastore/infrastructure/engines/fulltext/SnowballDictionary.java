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

    SnowballDictionary(String language, Supplier<SnowballStemmer> stemmers) {
        this.language = Objects.requireNonNull(language, "language is null");
        this.stemmers = Objects.requireNonNull(stemmers, "stemmers is null");
        this.stopWords = loadStopWords(language);
    }

    String language() {
        return language;
    }

    /** The lexeme for a lower-cased word, or null for a stop word. */
    String lexize(String lowerCased, int utf8Length, SnowballStemmer stemmer) {
        if (utf8Length > MAX_STEMMED_BYTES) {
            return lowerCased;
        }
        if (lowerCased.isEmpty() || stopWords.contains(lowerCased)) {
            return null;
        }
        stemmer.setCurrent(lowerCased);
        stemmer.stem();
        return stemmer.getCurrent();
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
