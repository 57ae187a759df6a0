package datastore.infrastructure.engines.duckdb;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.jdbc.JdbcErrors;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * DuckDB errors in CKAN's words: the message PostgreSQL gives for the same failure where there is one
 * ({@code invalid input syntax for type integer: "abc"}), and PostgreSQL's type names ({@code integer},
 * {@code text}) for DuckDB's ({@code INT32}, {@code VARCHAR}) elsewhere, so a client sees one wording
 * whichever engine serves it.
 */
final class DuckDbErrors {
    /** The transaction wrapper and the error class DuckDB puts before every message. */
    private static final Pattern PREFIX = Pattern.compile(
            "^(?:TransactionContext Error: Failed to commit: )?(?:[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3} Error: )?");
    /** Our staging columns are named c0..cN; their names mean nothing to a client, their types do. */
    private static final Pattern STAGED_COLUMN = Pattern.compile(" when casting from source column c(\\d+)$");

    private static final Pattern CONVERT =
            Pattern.compile("^Could not convert string '(.*)' to ([A-Z0-9_]+)(?:\\(.*\\))?$");
    private static final Pattern DATE_FORMAT =
            Pattern.compile("^invalid (timestamp|date) field format: \"(.*)\", expected format is .*$");
    private static final Pattern OUT_OF_RANGE =
            Pattern.compile("^(date|time|timestamp) field value out of range: \"(.*)\", expected format is .*$");
    private static final Pattern MALFORMED_JSON = Pattern.compile("^Malformed JSON .*");
    private static final Pattern ELEMENT = Pattern.compile("^Failed to cast value to [a-z]+: \"(.*)\"$");
    /** A key repeated against an existing row: {@code Duplicate key "id: 1, b: x" violates unique constraint.} */
    private static final Pattern DUPLICATE_EXISTING =
            Pattern.compile("^Duplicate key \"(.*)\" violates (?:unique|primary key) constraint\\.?.*$");
    /** A key repeated within one statement: {@code PRIMARY KEY or UNIQUE constraint violation: duplicate key "1, x"}. */
    private static final Pattern DUPLICATE_WITHIN =
            Pattern.compile("^PRIMARY KEY or UNIQUE constraint violation: duplicate key \"(.*)\"$");

    private static final Pattern TYPE_WORD =
            Pattern.compile("\\b(DECIMAL\\(\\d+,\\s*\\d+\\)|(?:TIMESTAMP WITH TIME ZONE"
                    + "|TIMESTAMP_NS|TIMESTAMPTZ|TIMESTAMP|INTEGER_LITERAL|INTEGER|BIGINT|SMALLINT|VARCHAR|DOUBLE|FLOAT|BOOLEAN|BOOL"
                    + "|DATE|TIME|INTERVAL|UUID|JSON|STRING_LITERAL|INT16|INT32|INT64|INT128|HUGEINT)\\b)");
    private static final Pattern INTEGER_TEXT = Pattern.compile("^\\s*[+-]?\\d+\\s*$");

    private DuckDbErrors() {}

    /** A failed search, count or delete: CKAN's 409 "Invalid query", or its timeout message. */
    static ApiException query(SQLException e) {
        if (isTimeout(e)) {
            return JdbcErrors.searchTimeout();
        }
        return JdbcErrors.invalidQuery(message(e, null, null), e);
    }

    /** A failed datastore_search_sql: the message, as PostgreSQL would word it. */
    static ApiException sql(SQLException e) {
        if (isTimeout(e)) {
            return JdbcErrors.sqlTimeout();
        }
        return JdbcErrors.invalidSql(message(e, null, null), e);
    }

    /** A failed write of a batch into {@code table}: CKAN's "records" error with the batch's last row. */
    static ApiException records(SQLException e, @Nullable TableDef table, @Nullable RowBatch batch) {
        int row = batch == null ? 0 : batch.firstRow() + Math.max(0, batch.size() - 1);
        return JdbcErrors.records(message(e, table, batch), row, e);
    }

    /** A cancelled statement: DuckDB reports the interrupt the timeout caused. */
    static boolean isTimeout(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("interrupt");
    }

    /**
     * The message for {@code e} in PostgreSQL's words. With the table and batch of a write, a staged
     * column in the message names its column's type, which DuckDB's own message may not (a uuid fails
     * as {@code INT128}, a timestamptz as a timestamp).
     */
    static String message(SQLException e, @Nullable TableDef table, @Nullable RowBatch batch) {
        String m = PREFIX.matcher(JdbcErrors.firstLine(e)).replaceFirst("");
        FieldType staged = null;
        Matcher column = STAGED_COLUMN.matcher(m);
        if (column.find()) {
            m = m.substring(0, column.start());
            staged = stagedType(table, batch, Integer.parseInt(column.group(1)));
        }
        Matcher x;
        if ((x = CONVERT.matcher(m)).matches()) {
            String type = staged != null ? postgresName(staged.base()) : postgresName(x.group(2));
            boolean integer =
                    staged != null ? staged.base().isInteger() : x.group(2).matches("INT(16|32|64)");
            if (integer && INTEGER_TEXT.matcher(x.group(1)).matches()) {
                return "value \"" + x.group(1) + "\" is out of range for type " + type;
            }
            return invalidInput(type, x.group(1));
        }
        if ((x = DATE_FORMAT.matcher(m)).matches()) {
            String type = staged != null ? postgresName(staged.base()) : x.group(1);
            return invalidInput(type, x.group(2));
        }
        if ((x = OUT_OF_RANGE.matcher(m)).matches()) {
            // DuckDB calls any unreadable time "out of range"; PostgreSQL only one of the right shape.
            if (x.group(2).matches("[0-9:.\\-+ T]+")) {
                return "date/time field value out of range: \"" + x.group(2) + "\"";
            }
            return invalidInput(staged != null ? postgresName(staged.base()) : x.group(1), x.group(2));
        }
        if (MALFORMED_JSON.matcher(m).matches()) {
            return "invalid input syntax for type json";
        }
        if ((x = ELEMENT.matcher(m)).matches() && staged != null) {
            return invalidInput(postgresName(staged.element().base()), x.group(1));
        }
        if ((x = DUPLICATE_EXISTING.matcher(m)).matches() && table != null) {
            return JdbcErrors.duplicateKey(table.primaryKey(), keyValues(x.group(1), table.primaryKey()));
        }
        if ((x = DUPLICATE_WITHIN.matcher(m)).matches() && table != null) {
            return JdbcErrors.duplicateKey(table.primaryKey(), x.group(1));
        }
        return postgresTypeNames(m);
    }

    private static String invalidInput(String type, String value) {
        return "invalid input syntax for type " + type + ": \"" + value + "\"";
    }

    private static @Nullable FieldType stagedType(@Nullable TableDef table, @Nullable RowBatch batch, int index) {
        if (table == null || batch == null || index >= batch.columns().size()) {
            return null;
        }
        String name = batch.columns().get(index);
        return name.equals(ColumnDef.ID.id())
                ? ColumnDef.ID.type()
                : table.field(name).map(ColumnDef::type).orElse(null);
    }

    /**
     * DuckDB lists an existing key as {@code col: value, col: value}; PostgreSQL's detail lists the
     * values alone. The key columns are known, so their labels are cut by name, not by splitting on
     * separators a value may contain.
     */
    static String keyValues(String listed, List<String> columns) {
        StringBuilder values = new StringBuilder();
        int at = 0;
        for (int i = 0; i < columns.size(); i++) {
            String label = columns.get(i) + ": ";
            if (!listed.startsWith(label, at)) {
                return listed;
            }
            int start = at + label.length();
            int end = listed.length();
            if (i + 1 < columns.size()) {
                end = listed.indexOf(", " + columns.get(i + 1) + ": ", start);
                if (end < 0) {
                    return listed;
                }
            }
            values.append(i == 0 ? "" : ", ").append(listed, start, end);
            at = end + 2;
        }
        return values.toString();
    }

    /** PostgreSQL's name for a type in its messages ({@code integer}, {@code timestamp with time zone}). */
    static String postgresName(BaseType base) {
        return switch (base) {
            case TIMESTAMP -> "timestamp";
            case TIME -> "time";
            // Stored as text on DuckDB, so only a cast for comparison can fail; PostgreSQL would name numeric.
            default -> base.formatType();
        };
    }

    /** PostgreSQL's name for a DuckDB type in a message; unknown names are kept. */
    static String postgresName(String duckType) {
        return switch (duckType.toUpperCase(Locale.ROOT)) {
            case "INT16", "SMALLINT" -> "smallint";
            case "INT32", "INTEGER", "INTEGER_LITERAL" -> "integer";
            case "INT64", "BIGINT" -> "bigint";
            case "FLOAT", "REAL" -> "real";
            case "DOUBLE" -> "double precision";
            case "BOOL", "BOOLEAN" -> "boolean";
            case "VARCHAR" -> "text";
            case "STRING_LITERAL" -> "unknown";
            case "DATE" -> "date";
            case "TIME" -> "time";
            case "TIMESTAMP", "TIMESTAMP_NS" -> "timestamp";
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> "timestamp with time zone";
            case "INTERVAL" -> "interval";
            // DuckDB parses a uuid as a 128-bit integer and names that type when the text is no uuid;
            // the datastore has no 128-bit integers, so a uuid is what the caller asked for.
            case "UUID", "INT128", "HUGEINT" -> "uuid";
            case "JSON" -> "json";
            default -> duckType.toUpperCase(Locale.ROOT).startsWith("DECIMAL") ? "numeric" : duckType;
        };
    }

    /** Replaces DuckDB's type names outside quoted text (which is the caller's data or names). */
    static String postgresTypeNames(String message) {
        StringBuilder out = new StringBuilder(message.length());
        int i = 0;
        while (i < message.length()) {
            char c = message.charAt(i);
            if (c == '\'' || c == '"') {
                int close = message.indexOf(c, i + 1);
                int end = close < 0 ? message.length() : close + 1;
                out.append(message, i, end);
                i = end;
                continue;
            }
            int next = i;
            while (next < message.length() && message.charAt(next) != '\'' && message.charAt(next) != '"') {
                next++;
            }
            Matcher m = TYPE_WORD.matcher(message.substring(i, next));
            StringBuilder part = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(part, Matcher.quoteReplacement(postgresName(m.group(1))));
            }
            m.appendTail(part);
            out.append(part);
            i = next;
        }
        return out.toString();
    }
}
