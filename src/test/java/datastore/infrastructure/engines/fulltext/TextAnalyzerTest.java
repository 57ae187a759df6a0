package datastore.infrastructure.engines.fulltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import datastore.core.errors.ApiException;
import datastore.core.text.TsQuery;
import datastore.core.text.TsQuery.And;
import datastore.core.text.TsQuery.Not;
import datastore.core.text.TsQuery.Or;
import datastore.core.text.TsQuery.Term;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
    private final TextAnalyzer analyzer = TextAnalyzer.shared();

    private List<String> english(String text) {
        return analyzer.lexemes(text, "english");
    }

    private Optional<TsQuery> query(String tsquery) {
        return analyzer.analyze(TsQuery.parse(tsquery).orElseThrow(), "english");
    }

    private static Term t(String lexeme) {
        return new Term(lexeme, false);
    }

    @Test
    void stemsAndLowerCases() {
        assertThat(english("Books BOOKING booked")).containsExactly("book", "book", "book");
        assertThat(english("annakarenina warandpeace Tolstoy"))
                .containsExactly("annakarenina", "warandpeac", "tolstoy");
    }

    @Test
    void dropsPostgresStopWordsNotJustLucenes() {
        assertThat(english("The boy's book")).containsExactly("boy", "book");
        // Lucene's own english stop set lacks these; PostgreSQL's english.stop has them.
        assertThat(english("myself ourselves very")).isEmpty();
    }

    @Test
    void keepsNumbersAsTokens() {
        assertThat(english("first 99")).containsExactly("first", "99");
        assertThat(english("52.56 -3 +4 1e10 1.2.3")).containsExactly("52.56", "-3", "+4", "1e10", "1.2.3");
        assertThat(english("2005-03-01")).containsExactly("2005", "-03", "-01");
    }

    @Test
    void hyphenatedWordsGiveTheWholeAndTheParts() {
        assertThat(english("state-of-the-art")).containsExactly("state-of-the-art", "state", "art");
        assertThat(english("war-and-peace")).containsExactly("war-and-peac", "war", "peac");
    }

    @Test
    void emailsHostsUrlsAndFilesAreSingleLowerCasedLexemes() {
        assertThat(english("Foo@Bar.com")).containsExactly("foo@bar.com");
        assertThat(english("see http://www.Example.com/a/b.html?x=1"))
                .containsExactly("see", "www.example.com/a/b.html?x=1", "www.example.com", "/a/b.html?x=1");
        assertThat(english("/usr/local/bin data.csv")).containsExactly("/usr/local/bin", "data.csv");
    }

    @Test
    void skipsTagsAndEntities() {
        assertThat(english("<b>bold</b> &amp; <script>var x;</script>text")).containsExactly("bold", "text");
    }

    @Test
    void keepsNonAsciiWords() {
        assertThat(english("ñandú Müller 日本語")).containsExactly("ñandú", "müller", "日本語");
    }

    @Test
    void otherConfigurations() {
        assertThat(analyzer.lexemes("The Books", "simple")).containsExactly("the", "books");
        assertThat(analyzer.lexemes("Müller Häuser Straße", "german")).containsExactly("mull", "haus", "strass");
        assertThat(analyzer.lexemes("les élèves mangeaient", "french")).containsExactly("le", "élev", "mang");
        // russian sends ASCII words to the english stemmer
        assertThat(analyzer.lexemes("books книги", "russian")).containsExactly("book", "книг");
    }

    @Test
    void wordLengthLimits() {
        String longWord = "a".repeat(1500) + "ing";
        assertThat(english(longWord)).containsExactly(longWord);
        assertThat(english("x".repeat(2048) + " ok")).containsExactly("ok");
    }

    @Test
    void supportsPostgresConfigurationNames() {
        assertThat(analyzer.supports("english")).isTrue();
        assertThat(analyzer.supports("English")).isTrue();
        assertThat(analyzer.supports("pg_catalog.german")).isTrue();
        assertThat(analyzer.supports("simple")).isTrue();
        assertThat(analyzer.supports("yiddish")).isTrue();
        assertThat(analyzer.supports("klingon")).isFalse();
        assertThat(analyzer.supports(null)).isFalse();
        assertThatThrownBy(() -> analyzer.lexemes("x", "klingon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void analyzesQueryTerms() {
        assertThat(query("books:*")).contains(new Term("book", true));
        assertThat(query("tol:*")).contains(new Term("tol", true));
        assertThat(query("DE | UK")).contains(new Or(t("de"), t("uk")));
        assertThat(query("!Books")).contains(new Not(t("book")));
        assertThat(query("war-and-peace")).contains(new And(new And(t("war-and-peac"), t("war")), t("peac")));
        assertThat(query("'war and peace'")).contains(new And(t("war"), t("peac")));
    }

    @Test
    void stopWordOperandsVanishFromTheirOperators() {
        assertThat(query("the & cat")).contains(t("cat"));
        assertThat(query("the | cat")).contains(t("cat"));
        assertThat(query("foo & !(the | a)")).contains(t("foo"));
        assertThat(query("!(the & foo)")).contains(new Not(t("foo")));
        assertThat(query("the")).isEmpty();
        assertThat(query("!the")).isEmpty();
        assertThat(query("the:*")).isEmpty();
        assertThat(query("'it''s'")).isEmpty();
    }

    @Test
    void plainAndsAllLexemes() {
        assertThat(analyzer.plain("The boy's book", "english")).contains(new And(t("boy"), t("book")));
        assertThat(analyzer.plain("tolstoy & !anna", "english")).contains(new And(t("tolstoy"), t("anna")));
        assertThat(analyzer.plain("the of", "english")).isEmpty();
        assertThat(analyzer.plain("", "english")).isEmpty();
    }

    @Test
    void documentKeepsOrderAndDuplicatesBetweenSpaces() {
        assertThat(analyzer.document(Arrays.asList("Anna Karenina", null, "tolstoy", "1877", "Books", "book")))
                .isEqualTo(" anna karenina tolstoy 1877 book book ");
        assertThat(analyzer.document(List.of())).isEqualTo(" ");
        assertThat(analyzer.document(List.of("the of"))).isEqualTo(" ");
    }

    @Test
    void documentMatcherSemantics() {
        String document = analyzer.document(List.of("The boy's book", "Tolstoy"));
        assertThat(document).isEqualTo(" boy book tolstoy ");
        assertThat(DocumentMatcher.matches(document, t("book"))).isTrue();
        assertThat(DocumentMatcher.matches(document, t("tol"))).isFalse();
        assertThat(DocumentMatcher.matches(document, new Term("tol", true))).isTrue();
        assertThat(DocumentMatcher.matches(document, new Term("oy", true))).isFalse();
        assertThat(DocumentMatcher.matches(document, new Not(t("boy")))).isFalse();
        assertThat(DocumentMatcher.matches(document, new Or(t("cat"), t("boy"))))
                .isTrue();
        assertThat(DocumentMatcher.matches(document, new And(t("cat"), t("boy"))))
                .isFalse();
        assertThat(DocumentMatcher.pattern(t("book"))).isEqualTo(" book ");
        assertThat(DocumentMatcher.pattern(new Term("bo", true))).isEqualTo(" bo");
        assertThat(DocumentMatcher.occurrences(" book book boy ", t("book"))).isEqualTo(2);
        assertThat(DocumentMatcher.occurrences(" book book boy ", new Term("bo", true)))
                .isEqualTo(3);
    }

    @Test
    void isSafeToShareAcrossThreads() {
        List<String> texts = IntStream.range(0, 2000)
                .mapToObj(i -> "Row " + i + " books running-fast " + (i % 7 == 0 ? "Straße" : "ebbed"))
                .toList();
        List<String> sequential =
                texts.stream().map(text -> analyzer.document(List.of(text))).toList();
        List<String> parallel = texts.parallelStream()
                .map(text -> analyzer.document(List.of(text)))
                .toList();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(sequential.get(1)).isEqualTo(" row 1 book running-fast run fast eb ");
    }

    @Test
    void pathologicalInputIsLinearAndDoesNotOverflowTheStack() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            // Tokens over 2047 bytes are skipped, as PostgreSQL does.
            assertThat(english("ab.".repeat(200_000) + "c")).containsExactly("c");
            assertThat(english("/a".repeat(200_000))).isEmpty();
            assertThat(english("ab-".repeat(200_000))).hasSize(200_000).containsOnly("ab");
            // Each '_' starts a host scan over the rest; remembered failures keep this linear.
            assertThat(english("ab_".repeat(200_000))).hasSize(200_000).containsOnly("ab");
            assertThat(english("x@" + "ab_".repeat(100_000))).hasSize(100_001);
            assertThat(english("<!--".repeat(100_000))).isEmpty();
        });
    }

    @Test
    void queriesAreHeldToTheLimitsAfterAnalysisToo() {
        assertThat(analyzer.query("war ".repeat(TsQuery.MAX_TERMS), true, "english")
                        .orElseThrow()
                        .size())
                .isEqualTo(TsQuery.MAX_TERMS);
        // One operand, three lexemes (the word, war, peac): the analysed query is counted, not the text.
        String hyphenated = "war-and-peace & ".repeat(TsQuery.MAX_TERMS / 3) + "war-and-peace";
        for (ThrowingCallable call : List.<ThrowingCallable>of(
                () -> analyzer.query("war ".repeat(100_000), true, "english"),
                () -> analyzer.query(hyphenated, false, "english"),
                () -> analyzer.checkLimits("war ".repeat(100_000), true, "no_such_config"),
                () -> analyzer.checkLimits("(".repeat(40) + "war" + ")".repeat(40), false, "english"))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fieldErrors())
                    .containsOnlyKeys("q"));
        }
        // Syntax is PostgreSQL's to judge there: only the limits are enforced.
        analyzer.checkLimits("foo bar", false, "english");
    }

    @Test
    void deepTreesAreAnalysedAndMatchedWithoutRecursion() {
        int n = 300_000;
        TsQuery chain = TsQuery.allOf(java.util.Collections.nCopies(n, new Term("books", false)));
        assertThat(DocumentMatcher.matches(" book ", chain)).isFalse();
        assertThat(DocumentMatcher.matches(" books ", chain)).isTrue();
        assertThatThrownBy(() -> TextAnalyzer.shared().analyze(chain, "english"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("q"));
    }
}
