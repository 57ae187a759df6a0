package datastore.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Datasette's tilde encoding, with the examples of its docs and tests. */
class TildeTest {
    @Test
    void encodesAsDatasetteDoes() {
        assertThat(Tilde.encode("polls/2022.primary")).isEqualTo("polls~2F2022~2Eprimary");
        assertThat(Tilde.encode("a b,c~d%e")).isEqualTo("a+b~2Cc~7Ed~25e");
        assertThat(Tilde.encode("é")).isEqualTo("~C3~A9");
        assertThat(Tilde.encode("simple_name-1")).isEqualTo("simple_name-1");
    }

    @Test
    void decodesAsDatasetteDoes() {
        assertThat(Tilde.decode("polls~2F2022~2Eprimary")).isEqualTo("polls/2022.primary");
        assertThat(Tilde.decode("a+b")).isEqualTo("a b");
        assertThat(Tilde.decode("100%")).isEqualTo("100%");
        assertThat(Tilde.decode("~zz")).isEqualTo("~zz");
        assertThat(Tilde.decode("~C3~A9")).isEqualTo("é");
    }

    @Property(tries = 300)
    void decodingUndoesEncoding(@ForAll String s) {
        if (Utf16.loneSurrogateAt(s) >= 0) {
            return;
        }
        assertThat(Tilde.decode(Tilde.encode(s))).isEqualTo(s);
    }
}
