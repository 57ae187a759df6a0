package datastore.infrastructure.engines.sql;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.CreateTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The names a datastore table or alias may take on every engine, checked where an engine is asked to
 * make one. The API validates resource ids too; this is the engine's own defence, so that a name the
 * database would truncate or confuse with its own objects is a clean 409, never a 500 or a wrong table.
 */
public final class TableNames {
    /**
     * PostgreSQL keeps the first 63 bytes of an identifier (NAMEDATALEN - 1) and drops the rest, so two
     * longer ids would name one table; every engine refuses them, so that data moves between engines.
     */
    public static final int MAX_BYTES = 63;

    /**
     * Names the engines or the SQL guard give a meaning of their own: CKAN's table list, schemas and
     * catalogs that qualified names in {@code datastore_search_sql} resolve against, DuckDB's catalog schema.
     */
    private static final Set<String> RESERVED =
            Set.of("_table_metadata", "_datastore", "information_schema", "main", "public", "temp", "system");

    /** Prefixes of the databases' own catalogs and functions (pg_class, duckdb_tables(), sqlite_master). */
    private static final List<String> RESERVED_PREFIXES = List.of("pg_", "duckdb_", "sqlite_");

    private static final int SHOWN_CHARS = 80;

    private TableNames() {}

    /** Why {@code name} cannot name a table or alias, or null when it can. */
    public static @Nullable String problem(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.indexOf('\0') >= 0) {
            return "it contains a NUL character";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "it is longer than " + MAX_BYTES + " bytes";
        }
        // DuckDB compares identifiers case-insensitively even when quoted, so MAIN is main there.
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || RESERVED_PREFIXES.stream().anyMatch(lower::startsWith)) {
            return "the name is reserved";
        }
        return null;
    }

    /** Whether {@code name} can name a table; a lookup of any other name finds nothing. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /**
     * A lookup by a table id or alias that finds nothing for a name no table can have (create refuses
     * it), without asking the database: PostgreSQL would compare only the first 63 bytes of a longer name
     * and could find another table.
     */
    public static <T> Optional<T> lookup(String name, Function<String, Optional<T>> lookup) {
        return isValid(name) ? lookup.apply(name) : Optional.empty();
    }

    /** Refuses a create whose table id ({@code resource_id}) or aliases ({@code alias}) cannot be used. */
    public static void require(CreateTable command) {
        require(command.id(), "resource_id");
        if (command.aliases() != null) {
            command.aliases().forEach(alias -> require(alias, "alias"));
        }
    }

    /** Throws CKAN's 409 naming {@code field} ({@code resource_id}, {@code alias}) when {@code name} cannot be used. */
    public static void require(String name, String field) {
        String problem = problem(name);
        if (problem != null) {
            String shown = name.length() > SHOWN_CHARS ? name.substring(0, SHOWN_CHARS) + "…" : name;
            throw ApiException.validation(field, "\"" + shown + "\" is not a valid " + field + ": " + problem);
        }
    }
}
