package datastore.infrastructure.engines.fulltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import datastore.core.errors.ApiException;
import datastore.core.text.TsQuery;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the emulation against a real PostgreSQL: for each case, whether {@code to_tsvector('english',
 * document) @@ plainto_tsquery(language, q)} (or {@code to_tsquery}) holds, versus our analyzer plus
 * {@link DocumentMatcher} over {@link TextAnalyzer#document}. Needs a server at
 * {@code DATASTORE_TEST_PG_URL} (default {@value #DEFAULT_URL}); skipped without one unless
 * {@code CI=true}.
 */
class PostgresAgreementTest {
    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static Connection pg;
    private final TextAnalyzer analyzer = TextAnalyzer.shared();

    @BeforeAll
    static void connect() {
        String url = System.getenv().getOrDefault("DATASTORE_TEST_PG_URL", DEFAULT_URL);
        try {
            DriverManager.setLoginTimeout(5);
            pg = DriverManager.getConnection(url);
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + url + " (set DATASTORE_TEST_PG_URL): " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            System.err.println("SKIPPED PostgresAgreementTest: " + message);
            assumeTrue(false, message + "; skipping the agreement checks");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (pg != null) {
            pg.close();
        }
    }

    private enum Mode {
        PLAIN,
        TSQUERY
    }

    private enum Outcome {
        MATCH,
        NO_MATCH,
        INVALID
    }

    /** A row's column values searched with q in a mode and language. */
    private record Case(List<String> values, String query, Mode mode, String language) {
        static Case plain(String query, String... values) {
            return new Case(List.of(values), query, Mode.PLAIN, "english");
        }

        static Case tsquery(String query, String... values) {
            return new Case(List.of(values), query, Mode.TSQUERY, "english");
        }

        Case in(String otherLanguage) {
            return new Case(values, query, mode, otherLanguage);
        }

        @Override
        public String toString() {
            return (mode == Mode.PLAIN ? "plainto_tsquery" : "to_tsquery") + "(" + language + ", " + query + ") on "
                    + values;
        }
    }

    static Stream<Case> agreeing() {
        return Stream.of(
                // CKAN's own search test rows
                Case.plain("annakarenina", "annakarenina", "tolstoy", "2005-03-01", "Princess Anna", "60%"),
                Case.plain("tolstoy annakarenina", "annakarenina", "tolstoy", "2005-03-01"),
                Case.plain("tolstoy warandpeace", "annakarenina", "tolstoy", "2005-03-01"),
                Case.plain("tolst", "annakarenina", "tolstoy"),
                Case.plain("TOLSTOY", "warandpeace", "tolstoy", "99%"),
                Case.plain("99", "warandpeace", "tolstoy", "99%"),
                Case.plain("princess", "annakarenina", "Princess Anna", "Sergius"),
                Case.plain("2005-03-01", "annakarenina", "tolstoy", "2005-03-01"),
                Case.plain("2005", "annakarenina", "tolstoy", "2005-03-01"),
                Case.plain("03", "annakarenina", "tolstoy", "2005-03-01"),
                Case.plain("2005-03-01", "2005-03-01T00:00:00"),
                Case.plain("2011-01-01", "2011-01-01 00:00:00"),
                // stemming, stop words, case
                Case.plain("books", "The boy's book"),
                Case.plain("boy's", "The boy's book"),
                Case.plain("the", "The boy's book"),
                Case.plain("the book", "The boy's book"),
                Case.plain("run", "running runners ran"),
                Case.plain("quick fox", "The Quick Brown Fox"),
                Case.plain("myself", "myself"),
                Case.plain("ebb", "ebbed"),
                // numbers inside text
                Case.plain("99", "first 99"),
                Case.plain("9", "first 99"),
                Case.plain("52.56", "52.56"),
                Case.plain("52", "52.56"),
                Case.plain("-3.5", "-3.5"),
                Case.plain("3.5", "-3.5"),
                Case.plain("1e10", "1e10 1.2.3"),
                Case.plain("1.2.3", "version 1.2.3"),
                Case.plain("1,000.50", "$1,000.50"),
                Case.plain("12", "12"),
                // hyphens, apostrophes, punctuation
                Case.plain("state of the art", "state-of-the-art design"),
                Case.plain("state-of-the-art", "state of the art"),
                Case.plain("state-of-the-art", "state-of-the-art"),
                Case.plain("x ray", "x-ray"),
                Case.plain("email", "e-mail"),
                Case.plain("o'neil", "O'Neil's pub"),
                Case.plain("c++", "C++ and C#"),
                // emails, hosts, URLs, paths, markup
                Case.plain("foo.bar@example.com", "contact: Foo.Bar@Example.com"),
                Case.plain("example.com", "contact: Foo.Bar@Example.com"),
                Case.plain("www.example.com", "see https://www.example.com/data/file.csv"),
                Case.plain("https://www.example.com/data/file.csv", "see https://www.example.com/data/file.csv"),
                Case.plain("file.csv", "see https://www.example.com/data/file.csv"),
                Case.plain("data.csv", "data.csv"),
                Case.plain("/usr/local/bin", "/usr/local/bin/ckan"),
                Case.plain("bold", "<b>bold</b> text"),
                Case.plain("b", "<b>bold</b> text"),
                Case.plain("alert", "<script>alert(1)</script> ok"),
                // unicode
                Case.plain("ñandú", "el ñandú"),
                Case.plain("nandu", "el ñandú"),
                Case.plain("Müller", "Herr Müller"),
                Case.plain("κείμενα", "Ελληνικά κείμενα"),
                Case.plain("日本語", "日本語 text"),
                // the query language differs from the document's english
                Case.plain("Häuser", "Häuser").in("german"),
                Case.plain("books", "books").in("simple"),
                Case.plain("book", "books").in("simple"),
                Case.plain("the", "the").in("simple"),
                Case.plain("tolstoy", "tolstoy").in("French"),
                // to_tsquery syntax
                Case.tsquery("tol:*", "tolstoy"),
                Case.tsquery("tolstoi:*", "tolstoy"),
                Case.tsquery("toy:*", "tolstoy"),
                Case.tsquery("books:*", "bookshelf"),
                Case.tsquery("anna:*", "Anna's"),
                Case.tsquery("ñ:*", "ñandú"),
                Case.tsquery("DE | UK", "Brazil"),
                Case.tsquery("DE | UK", "DE"),
                Case.tsquery("DE | UK", "uk"),
                Case.tsquery("tolstoy & !warandpeace", "annakarenina", "tolstoy"),
                Case.tsquery("!tolstoy", "annakarenina", "tolstoy"),
                Case.tsquery("!foo", "bar"),
                Case.tsquery("!!foo", "bar"),
                Case.tsquery("(a | tolstoy) & anna:*", "annakarenina", "tolstoy"),
                Case.tsquery("the", "the cat"),
                Case.tsquery("the | cat", "the cat"),
                Case.tsquery("!the", "the cat"),
                Case.tsquery("cat & !the", "the cat"),
                Case.tsquery("!(the & dog)", "the cat"),
                Case.tsquery("'it''s'", "it's"),
                Case.tsquery("war-and-peace", "war-and-peace"),
                Case.tsquery("war-and-peace", "war and peace"),
                Case.tsquery("2005-03-01", "2005-03-01"),
                Case.tsquery("52.56 | 99", "first 99"),
                Case.tsquery("tolstoy:D", "tolstoy"),
                Case.tsquery("foo@bar.com", "mail foo@bar.com"),
                Case.tsquery("Books:*", "book"),
                // invalid tsquery syntax: PostgreSQL errors, CKAN answers 409 Invalid query
                Case.tsquery("foo bar", "foo bar"),
                Case.tsquery("foo &", "foo"),
                Case.tsquery("foo:x", "foo"),
                Case.tsquery("()", "foo"),
                Case.tsquery("foo <16385> bar", "foo bar"),
                Case.tsquery("http://x.org/a", "x.org"),
                Case.tsquery("''", "foo"),
                Case.tsquery("foo\\", "foo"));
    }

    /**
     * Where the emulation cannot agree. Asserted as differences, so this fails once they agree.
     */
    static Stream<Case> knownDifferences() {
        return Stream.of(
                // Phrase operators are evaluated as and: order and adjacency are ignored.
                Case.tsquery("'war and peace'", "peace and war"),
                Case.tsquery("foo <-> bar", "bar foo"),
                Case.tsquery("foo <2> bar", "foo bar"),
                // A weight restriction without D never matches weightless tsvectors; weights are ignored.
                Case.tsquery("tolstoy:A", "tolstoy"),
                Case.tsquery("tol:*B", "tolstoy"),
                // A negated phrase: PostgreSQL requires the phrase not to occur, ours the lexemes.
                Case.tsquery("!'book case'", "case of the book"));
    }

    @ParameterizedTest
    @MethodSource("agreeing")
    void agreesWithPostgres(Case c) throws SQLException {
        assertThat(ours(c)).isEqualTo(postgres(c));
    }

    @ParameterizedTest
    @MethodSource("knownDifferences")
    void knownDifferencesStillDiffer(Case c) throws SQLException {
        assertThat(ours(c)).isNotEqualTo(postgres(c));
    }

    static Stream<Arguments> lexemeCases() {
        return Stream.of(
                Arguments.of("The boy's book, war-and-peace 2005-03-01 foo@bar.com", "english"),
                Arguments.of("http://www.example.com:8080/a/b.html?x=1&y=2 ~/notes.txt ../up", "english"),
                Arguments.of("<p class=\"x\">Hello&nbsp;world</p><!-- note --> &#38; AT&T", "english"),
                Arguments.of("v2.0.1 1.5e-3 -0.5 +7 0x1F 1/2 12:30 50% $5", "english"),
                Arguments.of("co-operation re-use 3D-print a-1b x-1 foo--bar -bar foo-", "english"),
                Arguments.of("ÜBER-Straße naïve café 日本語 Ⅻ ٣٤ x̃y", "english"),
                Arguments.of("Die Häuser der Müllers standen leer", "german"),
                Arguments.of("Les élèves mangeaient des pommes", "french"),
                Arguments.of("Los niños corrían rápidamente", "spanish"),
                Arguments.of("I bambini mangiavano le mele", "italian"),
                Arguments.of("As crianças comiam maçãs", "portuguese"),
                Arguments.of("De kinderen aten appels", "dutch"),
                Arguments.of("Børnene spiste æbler", "danish"),
                Arguments.of("Barnen åt äpplen", "swedish"),
                Arguments.of("Barna spiste epler", "norwegian"),
                Arguments.of("Lapset söivät omenoita", "finnish"),
                Arguments.of("A gyerekek almát ettek", "hungarian"),
                Arguments.of("Дети ели яблоки, books and reading", "russian"),
                Arguments.of("Çocuklar elma yediler", "turkish"),
                Arguments.of("Τα παιδιά έτρωγαν μήλα", "greek"),
                Arguments.of("Copiii mâncau mere", "romanian"),
                Arguments.of("बच्चे सेब खा रहे थे reading", "hindi"),
                Arguments.of("The Books", "simple"));
    }

    @ParameterizedTest
    @MethodSource("lexemeCases")
    void lexemesAgreeWithPostgres(String text, String language) throws SQLException {
        assertThat(new TreeSet<>(analyzer.lexemes(text, language))).isEqualTo(postgresLexemes(text, language));
    }

    /** Lucene ships Snowball 3 stemmers; PostgreSQL 15 has Snowball 2.2. */
    static Stream<Arguments> knownLexemeDifferences() {
        return Stream.of(
                // Snowball 3 german reads ae/oe/ue as ä/ö/ü and keeps -em in "system".
                Arguments.of("abhaengige", "german"),
                Arguments.of("System", "german"),
                // Snowball 3 swedish strips the t of -öst.
                Arguments.of("utlöst", "swedish"),
                // Snowball 3 romanian handles the comma-below ș and ț.
                Arguments.of("acceptați", "romanian"));
    }

    @ParameterizedTest
    @MethodSource("knownLexemeDifferences")
    void knownLexemeDifferencesStillDiffer(String text, String language) throws SQLException {
        assertThat(new TreeSet<>(analyzer.lexemes(text, language))).isNotEqualTo(postgresLexemes(text, language));
    }

    /** Random mixes of tricky fragments must split into the same tokens as ts_debug shows. */
    @Test
    void parserAgreesWithTsDebugOnGeneratedText() throws SQLException {
        String[] fragments = {
            "a",
            "ab",
            "Foo",
            "com",
            "org",
            "1",
            "12",
            "2005",
            ".",
            "..",
            "-",
            "--",
            "_",
            "@",
            "/",
            ":",
            "~",
            "<",
            ">",
            "&",
            ";",
            "#",
            " ",
            "'",
            "\"",
            "+",
            "é",
            "ñ",
            "x\u0303",
            "=",
            "?",
            "%",
            "!",
            ",",
            "http://",
            "www.",
            ".com",
            "<b>",
            "</b>",
            "<script>",
            "</script>",
            "&amp;",
            "&#38;",
            "e",
            "E5",
            "1.5",
            "-3",
            "\\",
            "\t",
            "Ж",
            "日本",
            "<!--",
            "-->",
            "<a href=\"x\">",
            ".txt",
            "/usr",
            "~/",
            "./",
            "../",
            "co-op",
            "state-of-the-art",
            "foo@bar.com",
            "a.b.c",
            ":8080",
            "x1",
            "1x",
            "-1.2.3",
            "1e-5",
            "<?xml v=\"1\"?>",
            "<!DOCTYPE html>",
            "<br/>",
            "Ab_c",
            "a_b.cd",
            "…",
            "\u00a0",
            "ß",
            "3D-print",
            "ñ1"
        };
        Random random = new Random(20_251_122);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = 1 + random.nextInt(12); k > 0; k--) {
                text.append(fragments[random.nextInt(fragments.length)]);
            }
            texts.add(text.toString());
        }
        String sql = """
                select (select coalesce(array_agg(d.alias || ' ' || d.token order by d.n), '{}')
                          from ts_debug('english', t.s) with ordinality d(alias, description, token, dicts, dict, lexemes, n)
                         where d.alias <> 'blank'),
                       tsvector_to_array(to_tsvector('english', t.s))
                  from unnest(?::text[]) with ordinality t(s, i)
                 order by t.i
                """;
        List<String> mismatches = new ArrayList<>();
        try (PreparedStatement statement = pg.prepareStatement(sql)) {
            statement.setArray(1, pg.createArrayOf("text", texts.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                for (String text : texts) {
                    assertThat(rows.next()).isTrue();
                    List<String> tokens = new ArrayList<>();
                    PostgresTextParser.parse(text, (type, token) -> tokens.add(type.alias() + " " + token));
                    List<String> expectedTokens = strings(rows.getArray(1));
                    TreeSet<String> lexemes = new TreeSet<>(analyzer.lexemes(text, "english"));
                    TreeSet<String> expectedLexemes = new TreeSet<>(strings(rows.getArray(2)));
                    if (!tokens.equals(expectedTokens) || !lexemes.equals(expectedLexemes)) {
                        mismatches.add(text + "\n  postgres: " + expectedTokens + " " + expectedLexemes
                                + "\n  ours:     " + tokens + " " + lexemes);
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private Outcome ours(Case c) {
        Optional<TsQuery> query;
        try {
            query = c.mode() == Mode.PLAIN
                    ? analyzer.plain(c.query(), c.language())
                    : TsQuery.parse(c.query()).flatMap(parsed -> analyzer.analyze(parsed, c.language()));
        } catch (ApiException e) {
            return Outcome.INVALID;
        }
        String document = analyzer.document(c.values());
        return query.map(q -> DocumentMatcher.matches(document, q)).orElse(false) ? Outcome.MATCH : Outcome.NO_MATCH;
    }

    private static Outcome postgres(Case c) throws SQLException {
        String function = c.mode() == Mode.PLAIN ? "plainto_tsquery" : "to_tsquery";
        String sql = "select to_tsvector('english', ?) @@ " + function + "(?::regconfig, ?)";
        try (PreparedStatement statement = pg.prepareStatement(sql)) {
            statement.setString(1, String.join(" ", c.values()));
            statement.setString(2, c.language());
            statement.setString(3, c.query());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1) ? Outcome.MATCH : Outcome.NO_MATCH;
            }
        } catch (SQLException e) {
            // Syntax errors (42xxx) and bad values (22xxx, e.g. a phrase distance) in the tsquery.
            String state = String.valueOf(e.getSQLState());
            if (c.mode() == Mode.TSQUERY && (state.startsWith("42") || state.startsWith("22"))) {
                return Outcome.INVALID;
            }
            throw e;
        }
    }

    private static TreeSet<String> postgresLexemes(String text, String language) throws SQLException {
        try (PreparedStatement statement =
                pg.prepareStatement("select tsvector_to_array(to_tsvector(?::regconfig, ?))")) {
            statement.setString(1, language);
            statement.setString(2, text);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new TreeSet<>(strings(row.getArray(1)));
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray())
                .map(String.class::cast)
                .toList();
    }
}
