package datastore.infrastructure.engines.fulltext;

import datastore.core.text.TsQuery;
import java.util.Objects;

/**
 * Evaluates an analysed tsquery against a stored {@code _full_text} document (see {@link
 * TextAnalyzer#document}) with the semantics the engine's SQL must reproduce: a term matches if the
 * document contains {@code " lexeme "}, a prefix term if it contains {@code " lexeme"}; and, or and
 * not are the boolean operators.
 */
public final class DocumentMatcher {
    private DocumentMatcher() {}

    public static boolean matches(String document, TsQuery query) {
        Objects.requireNonNull(document, "document is null");
        return Objects.requireNonNull(query, "query is null").fold(new TsQuery.Folder<Boolean>() {
            @Override
            public Boolean term(TsQuery.Term term) {
                return document.contains(pattern(term));
            }

            @Override
            public Boolean and(Boolean left, Boolean right) {
                return left && right;
            }

            @Override
            public Boolean or(Boolean left, Boolean right) {
                return left || right;
            }

            @Override
            public Boolean not(Boolean operand) {
                return !operand;
            }
        });
    }

    /** The substring a document must contain for the term to match. */
    public static String pattern(TsQuery.Term term) {
        return term.prefix() ? " " + term.lexeme() : " " + term.lexeme() + " ";
    }

    /** How often the term occurs in the document (prefix terms count every lexeme they start). */
    public static int occurrences(String document, TsQuery.Term term) {
        String pattern = pattern(term);
        int count = 0;
        // Patterns end before or at a separator; stepping past the leading space finds overlapping hits.
        for (int at = document.indexOf(pattern); at >= 0; at = document.indexOf(pattern, at + 1)) {
            count++;
        }
        return count;
    }
}
