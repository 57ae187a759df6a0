package datastore.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.text.TsQuery.And;
import datastore.core.text.TsQuery.Not;
import datastore.core.text.TsQuery.Or;
import datastore.core.text.TsQuery.Term;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TsQueryTest {

    private static TsQuery parse(String text) {
        return TsQuery.parse(text).orElseThrow();
    }

    private static Term t(String lexeme) {
        return new Term(lexeme, false);
    }

    @Test
    void parsesASingleTerm() {
        assertThat(parse("tolstoy")).isEqualTo(t("tolstoy"));
        assertThat(parse("  tolstoy\t")).isEqualTo(t("tolstoy"));
    }

    @Test
    void blankTextIsTheEmptyQuery() {
        assertThat(TsQuery.parse("")).isEmpty();
        assertThat(TsQuery.parse(" \t\n")).isEmpty();
    }

    @Test
    void parsesBinaryOperators() {
        assertThat(parse("DE | UK")).isEqualTo(new Or(t("DE"), t("UK")));
        assertThat(parse("foo&bar")).isEqualTo(new And(t("foo"), t("bar")));
        assertThat(parse("!foo")).isEqualTo(new Not(t("foo")));
        assertThat(parse("!!foo")).isEqualTo(new Not(new Not(t("foo"))));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(parse("a | b & c")).isEqualTo(new Or(t("a"), new And(t("b"), t("c"))));
        assertThat(parse("a & b | c")).isEqualTo(new Or(new And(t("a"), t("b")), t("c")));
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(parse("!a & b")).isEqualTo(new And(new Not(t("a")), t("b")));
        assertThat(parse("!(a & b)")).isEqualTo(new Not(new And(t("a"), t("b"))));
    }

    @Test
    void phraseBindsTighterThanAndAndBecomesAnd() {
        assertThat(parse("a & b <-> c")).isEqualTo(new And(t("a"), new And(t("b"), t("c"))));
        assertThat(parse("a <2> b | c")).isEqualTo(new Or(new And(t("a"), t("b")), t("c")));
        assertThat(parse("a <0> b")).isEqualTo(new And(t("a"), t("b")));
        assertThat(parse("a <16384> !b")).isEqualTo(new And(t("a"), new Not(t("b"))));
    }

    @Test
    void operatorsAreLeftAssociative() {
        assertThat(parse("a & b & c")).isEqualTo(new And(new And(t("a"), t("b")), t("c")));
        assertThat(parse("a | b | c")).isEqualTo(new Or(new Or(t("a"), t("b")), t("c")));
    }

    @Test
    void parenthesesGroup() {
        assertThat(parse("(a | b) & c")).isEqualTo(new And(new Or(t("a"), t("b")), t("c")));
        assertThat(parse("((a))")).isEqualTo(t("a"));
    }

    @Test
    void prefixAndWeights() {
        assertThat(parse("tol:*")).isEqualTo(new Term("tol", true));
        assertThat(parse("tol:*AB")).isEqualTo(new Term("tol", true));
        assertThat(parse("tol:A*")).isEqualTo(new Term("tol", true));
        assertThat(parse("tol:ab")).isEqualTo(t("tol"));
        assertThat(parse("tol:")).isEqualTo(t("tol"));
        assertThat(parse("tol:*|x")).isEqualTo(new Or(new Term("tol", true), t("x")));
    }

    @Test
    void quotedOperands() {
        assertThat(parse("'it''s'")).isEqualTo(t("it's"));
        assertThat(parse("'war and peace'")).isEqualTo(t("war and peace"));
        assertThat(parse("'a\\'b'")).isEqualTo(t("a'b"));
        assertThat(parse("'tol':*")).isEqualTo(new Term("tol", true));
        assertThat(parse("''''")).isEqualTo(t("'"));
    }

    @Test
    void bareOperandsKeepPunctuationForTheTextParser() {
        assertThat(parse("2005-03-01")).isEqualTo(t("2005-03-01"));
        assertThat(parse("foo@bar.com")).isEqualTo(t("foo@bar.com"));
        assertThat(parse("f'oo")).isEqualTo(t("f'oo"));
        assertThat(parse("foo\\&bar")).isEqualTo(t("foo&bar"));
        assertThat(parse("foo\\ bar")).isEqualTo(t("foo bar"));
        assertThat(parse("foo*")).isEqualTo(t("foo*"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "foo bar",
                "foo &",
                "& foo",
                "foo & & bar",
                "!",
                "foo | !",
                "foo ! bar",
                "()",
                "((foo)",
                "foo)",
                "foo(bar",
                "foo:x",
                "foo:*:*",
                "foo :*",
                "''",
                "'foo",
                "'foo' 'bar'",
                "'foo'bar",
                "foo <-1> bar",
                "foo <16385> bar",
                "foo <99999999999> bar",
                "foo < -> bar",
                "foo <- > bar",
                "foo<->",
                "<-> foo",
                "http://x.org/a",
                "foo\\"
            })
    void rejectsInvalidSyntaxAsCkanDoes(String text) {
        assertThatThrownBy(() -> TsQuery.parse(text)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.fieldErrors()).isEqualTo(Map.of("query", List.of("Invalid query")));
        });
    }

    @Test
    void positiveTermsSkipNegatedOnes() {
        TsQuery query = parse("a & !(b | c) & !!d | e:*");
        assertThat(query.positiveTerms()).containsExactly(t("a"), t("d"), new Term("e", true));
    }

    @Test
    void allOfBuildsALeftDeepAnd() {
        assertThat(TsQuery.allOf(List.of(t("a")))).isEqualTo(t("a"));
        assertThat(TsQuery.allOf(List.of(t("a"), t("b"), t("c")))).isEqualTo(new And(new And(t("a"), t("b")), t("c")));
        assertThatThrownBy(() -> TsQuery.allOf(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersLikePostgres() {
        assertThat(parse("a & !(b | c) & d:*")).hasToString("'a' & !( 'b' | 'c' ) & 'd':*");
        assertThat(parse("(a | b) & 'it''s'")).hasToString("( 'a' | 'b' ) & 'it''s'");
        assertThat(parse("!(a & b)")).hasToString("!( 'a' & 'b' )");
    }

    @Test
    void nestingBeyondTheLimitIsRefusedOnQ() {
        assertThat(parse("(".repeat(TsQuery.MAX_NESTING) + "a" + ")".repeat(TsQuery.MAX_NESTING)))
                .isEqualTo(t("a"));
        assertThat(parse("!".repeat(TsQuery.MAX_NESTING) + "a").size()).isEqualTo(1);
        for (String deep : List.of(
                "(".repeat(TsQuery.MAX_NESTING + 1) + "a" + ")".repeat(TsQuery.MAX_NESTING + 1),
                "!".repeat(50_000) + "a",
                "(".repeat(50_000) + "a" + ")".repeat(50_000),
                "!(".repeat(20) + "a" + ")".repeat(20))) {
            assertThatThrownBy(() -> TsQuery.parse(deep)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                assertThat(e.fieldErrors()).containsOnlyKeys("q");
            });
        }
    }

    @Test
    void termsBeyondTheLimitAreRefusedOnQ() {
        assertThat(parse("a & ".repeat(TsQuery.MAX_TERMS - 1) + "a").size()).isEqualTo(TsQuery.MAX_TERMS);
        assertThatThrownBy(() -> TsQuery.parse("a & ".repeat(100_000) + "a"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("q"));
    }

    @Test
    void treesAsDeepAsTheyAreLongAreWalkedWithoutRecursion() {
        // Built directly: deeper than any parsed query may be, and far deeper than a thread's stack.
        int n = 300_000;
        TsQuery chain = TsQuery.allOf(java.util.Collections.nCopies(n, t("a")));
        TsQuery negated = t("b");
        for (int i = 0; i < n; i++) {
            negated = new Not(negated);
        }
        assertThat(chain.size()).isEqualTo(n);
        assertThat(chain.positiveTerms()).hasSize(n);
        assertThat(chain.toString()).hasSize(n * 3 + (n - 1) * 3);
        assertThat(negated.positiveTerms()).containsExactly(t("b"));
        assertThat(negated.toString()).isEqualTo("!".repeat(n) + "'b'");
    }
}
