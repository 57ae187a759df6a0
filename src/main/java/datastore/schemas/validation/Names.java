package datastore.schemas.validation;

import datastore.core.text.Utf16;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for every name a caller chooses: resource ids, aliases and field names. CKAN's own
 * ({@code is_valid_table_name}, {@code is_valid_field_name}) first, then what any SQL engine, a URL path
 * or the service's own catalog needs. Names are never trimmed or folded: {@code "books "} is not
 * {@code "books"}, it is refused.
 */
public final class Names {
    /** PostgreSQL's identifier limit (NAMEDATALEN - 1), in UTF-8 bytes; longer names would be cut silently. */
    public static final int MAX_BYTES = 63;

    /**
     * Names the engines' own catalogs answer to before a user table (PostgreSQL searches {@code pg_catalog}
     * first; DuckDB's and SQLite-compatible views), so a table so named could shadow them in SQL.
     */
    private static final List<String> RESERVED_PREFIXES = List.of("pg_", "duckdb_", "sqlite_", "pragma_");

    private static final List<String> RESERVED = List.of("information_schema", "main", "public", "temp", "system");

    private Names() {}

    /** Why {@code name} cannot be a resource id, or empty when it can. */
    public static Optional<String> resourceIdProblem(String name) {
        return tableProblem(name, true);
    }

    /** Why {@code name} cannot be an alias, or empty when it can (CKAN allows dots and parentheses there). */
    public static Optional<String> aliasProblem(String name) {
        return tableProblem(name, false);
    }

    /** Why {@code name} cannot be a field (column) name, or empty when it can. */
    public static Optional<String> fieldProblem(String name) {
        Optional<String> common = common(name);
        if (common.isPresent()) {
            return common;
        }
        if (name.startsWith("_")) {
            return Optional.of("it starts with an underscore (reserved for _id and _full_text)");
        }
        return Optional.empty();
    }

    /** CKAN's is_valid_field_name, plus no NUL: what {@code datastore_create} reports as "not a valid field name". */
    public static boolean isValidField(String name) {
        return fieldProblem(name).isEmpty();
    }

    private static Optional<String> tableProblem(String name, boolean resourceId) {
        Optional<String> common = common(name);
        if (common.isPresent()) {
            return common;
        }
        if (name.startsWith("_")) {
            return Optional.of("it starts with an underscore (reserved for the service's own tables)");
        }
        if (name.indexOf('%') >= 0) {
            return Optional.of("it contains %");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return Optional.of("it contains a slash");
            }
            if (c == '\'' || c == '`') {
                return Optional.of("it contains a quote");
            }
            if (resourceId && (c == '.' || c == '(' || c == ')')) {
                return Optional.of("it contains " + c);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith)) {
            return Optional.of("it is reserved for the database's own catalog");
        }
        return Optional.empty();
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E'
                || c == '\u200F'
                || c == '\u061C';
    }

    /** What no name may have: emptiness, edge whitespace, a double quote, control characters, broken UTF-16. */
    private static Optional<String> common(String name) {
        if (name.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (!name.strip().equals(name)) {
            return Optional.of("it has leading or trailing whitespace");
        }
        int loneSurrogate = Utf16.loneSurrogateAt(name);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                return Optional.of("it contains a double quote");
            }
            if (Character.isISOControl(c)) {
                return Optional.of(c == 0 ? "it contains a NUL character" : "it contains a control character");
            }
            if (isBidiControl(c)) {
                // Bidirectional overrides make a name read differently from what it is (Trojan Source).
                return Optional.of("it contains a bidirectional control character");
            }
            if (i == loneSurrogate) {
                return Optional.of("it contains a lone UTF-16 surrogate");
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("it is longer than " + MAX_BYTES + " bytes (" + bytes + ")");
        }
        return Optional.empty();
    }
}
