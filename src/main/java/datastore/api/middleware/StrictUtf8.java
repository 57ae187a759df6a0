package datastore.api.middleware;

import datastore.core.text.Utf16;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks that bytes are strict UTF-8 before a parser sees them: the JDK's decoder refuses overlong
 * forms, encoded surrogates and invalid bytes, where a lenient parser would let them into storage.
 */
public final class StrictUtf8 {
    private StrictUtf8() {}

    /** What is wrong with {@code bytes} as UTF-8 (naming the byte offset), or empty when nothing is. */
    public static Optional<String> check(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return Optional.of("The body is not valid UTF-8: invalid byte sequence at byte " + in.position());
            }
            if (r.isUnderflow()) {
                break;
            }
            out.clear();
        }
        out.clear();
        CoderResult end = decoder.flush(out);
        if (end.isError()) {
            return Optional.of("The body is not valid UTF-8: it ends inside a character");
        }
        return Optional.empty();
    }

    /** Whether {@code s} holds a surrogate without its pair, which no UTF-8 text can encode. */
    public static Optional<String> loneSurrogate(String s) {
        int at = Utf16.loneSurrogateAt(s);
        if (at >= 0) {
            return Optional.of("The body holds a lone UTF-16 surrogate (\\u" + String.format("%04x", (int) s.charAt(at))
                    + "), which is not a character");
        }
        return Optional.empty();
    }
}
