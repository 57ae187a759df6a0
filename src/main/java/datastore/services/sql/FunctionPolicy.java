package datastore.services.sql;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides which functions user SQL may call: the configured allow-list minus a hard deny-list. */
final class FunctionPolicy {
    /** Functions that run SQL from strings, touch files, settings, sessions or sequences. */
    private static final Set<String> DENIED = Set.of(
            "query",
            "query_table",
            "current_setting",
            "set_config",
            "getenv",
            "getvariable",
            "glob",
            "ts_rewrite",
            "ts_stat",
            "sniff_csv",
            "which_secret",
            "write_log",
            "nextval",
            "currval",
            "setseed",
            "txid_current",
            "current_query",
            // table macros that read a table named by a string argument
            "histogram",
            "histogram_values",
            "summary",
            // call an aggregate named by a string argument
            "aggregate",
            "list_aggregate",
            "list_aggr",
            "array_aggregate",
            "array_aggr",
            "checkpoint",
            "force_checkpoint",
            "enable_logging",
            "disable_logging",
            "truncate_duckdb_logs",
            "copy_database",
            "import_database",
            "export_database");

    private static final List<String> DENIED_PREFIXES = List.of(
            "query_",
            "dblink",
            "read_",
            "pg_",
            "lo_",
            "xpath",
            "duckdb_",
            "pragma_",
            "sqlite_",
            "parquet_",
            "iceberg_",
            "delta_",
            "postgres_",
            "mysql_",
            "st_read",
            "sql_",
            "http_");

    private static final List<String> DENIED_INFIXES = List.of("_to_xml", "serialize", "_scan");

    private final Set<String> allowed;

    FunctionPolicy(Set<String> allowedFunctions) {
        Objects.requireNonNull(allowedFunctions, "allowedFunctions is null");
        this.allowed =
                allowedFunctions.stream().filter(name -> !isDenied(name)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a function name is on the hard deny-list, whatever its case. */
    static boolean isDenied(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return DENIED.contains(lower)
                || DENIED_PREFIXES.stream().anyMatch(lower::startsWith)
                || DENIED_INFIXES.stream().anyMatch(lower::contains);
    }

    /** Throws 403 unless the call, given as its raw name parts, may run; qualified names never may. */
    void require(List<String> rawParts) {
        if (rawParts == null || rawParts.isEmpty()) {
            throw GuardErrors.function("");
        }
        if (rawParts.size() != 1) {
            throw GuardErrors.function(display(rawParts));
        }
        String name = Identifiers.normalize(rawParts.get(0));
        if (name == null) {
            throw GuardErrors.function(rawParts.get(0));
        }
        // DuckDB resolves function names case-insensitively, so the deny check ignores quoting;
        // non-ASCII names are refused so no Unicode case mapping can turn one into another.
        if (!Identifiers.isAscii(name) || isDenied(name) || !allowed.contains(name)) {
            throw GuardErrors.function(name);
        }
    }

    private static String display(List<String> rawParts) {
        return rawParts.stream()
                .map(part -> Objects.requireNonNullElse(Identifiers.normalize(part), part))
                .collect(Collectors.joining("."));
    }
}
