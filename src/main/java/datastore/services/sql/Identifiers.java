package datastore.services.sql;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** SQL identifier rules shared by the guard: normalisation, quoting and the system names users may not touch. */
final class Identifiers {
    private static final Set<String> USER_SCHEMAS = Set.of("public", "main");
    private static final Set<String> SYSTEM_NAMES = Set.of(
            "information_schema",
            "pg_catalog",
            "sqlite_master",
            "sqlite_schema",
            "sqlite_temp_master",
            "sqlite_temp_schema",
            "temp",
            "system",
            // The datastore's own catalog: CKAN's table list and DuckDB's catalog schema.
            "_table_metadata",
            "_datastore");
    private static final Set<String> SYSTEM_PREFIXES = Set.of("pg_", "duckdb_", "sqlite_", "pragma_");

    private Identifiers() {}

    /**
     * The identifier's text as the database sees it: {@code "Quoted"} names keep their case (with
     * {@code ""} unescaped), plain names are lower-cased as PostgreSQL does. Returns null for
     * anything else (backticks, brackets, {@code $}, string literals, dotted or spaced text), which
     * callers must reject.
     */
    static @Nullable String normalize(@Nullable String raw) {
        String text = text(raw);
        if (raw == null || text == null || isQuoted(raw)) {
            return text;
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * The key under which DuckDB matches a relation or CTE name: the text without quotes and with
     * only ASCII letters folded, so the guard never treats as equal two names DuckDB may not.
     */
    static @Nullable String matchKey(@Nullable String raw) {
        String text = text(raw);
        if (text == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            key.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return key.toString();
    }

    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static @Nullable String text(@Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (isQuoted(raw)) {
            String inner = raw.substring(1, raw.length() - 1);
            if (inner.isEmpty() || inner.replace("\"\"", "").indexOf('"') >= 0) {
                return null;
            }
            return inner.replace("\"\"", "\"");
        }
        return isPlain(raw) ? raw : null;
    }

    private static boolean isQuoted(String raw) {
        return raw.length() >= 2 && raw.charAt(0) == '"' && raw.charAt(raw.length() - 1) == '"';
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static boolean isUserSchema(String normalizedSchema) {
        return USER_SCHEMAS.contains(normalizedSchema.toLowerCase(Locale.ROOT));
    }

    static boolean isSystemName(String normalizedName) {
        String lower = normalizedName.toLowerCase(Locale.ROOT);
        return SYSTEM_NAMES.contains(lower) || SYSTEM_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    private static boolean isPlain(String raw) {
        char first = raw.charAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
