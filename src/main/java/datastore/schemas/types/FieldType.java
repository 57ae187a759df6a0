package datastore.schemas.types;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as CKAN's DataStore knows it: a base type, possibly an array of it. Parses CKAN's
 * accepted spellings ({@code int}, {@code integer}, {@code _text}, {@code text[]}, {@code int[2]}, …)
 * and reports PostgreSQL typnames ({@code int4}, {@code _text}).
 */
public record FieldType(BaseType base, boolean array) {

    private static final Map<String, BaseType> NAMES = Map.ofEntries(
            Map.entry("text", BaseType.TEXT),
            Map.entry("string", BaseType.TEXT),
            Map.entry("varchar", BaseType.VARCHAR),
            Map.entry("character varying", BaseType.VARCHAR),
            Map.entry("char", BaseType.BPCHAR),
            Map.entry("character", BaseType.BPCHAR),
            Map.entry("bpchar", BaseType.BPCHAR),
            Map.entry("smallint", BaseType.INT2),
            Map.entry("int2", BaseType.INT2),
            Map.entry("int", BaseType.INT4),
            Map.entry("integer", BaseType.INT4),
            Map.entry("int4", BaseType.INT4),
            Map.entry("bigint", BaseType.INT8),
            Map.entry("int8", BaseType.INT8),
            Map.entry("real", BaseType.FLOAT4),
            Map.entry("float4", BaseType.FLOAT4),
            Map.entry("float", BaseType.FLOAT8),
            Map.entry("float8", BaseType.FLOAT8),
            Map.entry("double precision", BaseType.FLOAT8),
            Map.entry("numeric", BaseType.NUMERIC),
            Map.entry("decimal", BaseType.NUMERIC),
            Map.entry("bool", BaseType.BOOL),
            Map.entry("boolean", BaseType.BOOL),
            Map.entry("timestamp", BaseType.TIMESTAMP),
            Map.entry("timestamp without time zone", BaseType.TIMESTAMP),
            Map.entry("timestamptz", BaseType.TIMESTAMPTZ),
            Map.entry("timestamp with time zone", BaseType.TIMESTAMPTZ),
            Map.entry("date", BaseType.DATE),
            Map.entry("time", BaseType.TIME),
            Map.entry("time without time zone", BaseType.TIME),
            Map.entry("interval", BaseType.INTERVAL),
            Map.entry("uuid", BaseType.UUID),
            Map.entry("json", BaseType.JSON),
            Map.entry("jsonb", BaseType.JSONB));

    private static final Pattern ARRAY_SUFFIX = Pattern.compile("^(.*?)\\s*\\[\\s*(\\d*)\\s*\\]$");
    private static final Pattern MODIFIER = Pattern.compile("^(.*?)\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\)$");

    public static final FieldType TEXT = new FieldType(BaseType.TEXT, false);
    public static final FieldType INT4 = new FieldType(BaseType.INT4, false);
    public static final FieldType INT8 = new FieldType(BaseType.INT8, false);
    public static final FieldType FLOAT8 = new FieldType(BaseType.FLOAT8, false);
    public static final FieldType NUMERIC = new FieldType(BaseType.NUMERIC, false);
    public static final FieldType BOOL = new FieldType(BaseType.BOOL, false);
    public static final FieldType TIMESTAMP = new FieldType(BaseType.TIMESTAMP, false);
    public static final FieldType JSON = new FieldType(BaseType.JSON, false);

    public FieldType {
        Objects.requireNonNull(base, "base is null");
    }

    /** Parses a CKAN type name; empty when the name is not a supported type. */
    public static Optional<FieldType> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        boolean array = false;
        // PostgreSQL accepts any number of [] (or [n]) and treats them all as one array type.
        for (Matcher m = ARRAY_SUFFIX.matcher(n); m.matches(); m = ARRAY_SUFFIX.matcher(n)) {
            array = true;
            n = m.group(1);
        }
        if (!array && n.startsWith("_")) {
            array = true;
            n = n.substring(1);
        }
        // Length, precision and scale modifiers (varchar(10), numeric(10,2)) do not change how we store.
        Matcher mod = MODIFIER.matcher(n);
        if (mod.matches()) {
            n = mod.group(1);
        }
        if (n.contains("[") || n.contains("]")) {
            return Optional.empty();
        }
        BaseType base = NAMES.get(n);
        return base == null ? Optional.empty() : Optional.of(new FieldType(base, array));
    }

    /** The name CKAN reports: PostgreSQL's typname, {@code _}-prefixed for arrays. */
    public String typname() {
        return array ? "_" + base.typname() : base.typname();
    }

    public FieldType element() {
        return new FieldType(base, false);
    }

    @Override
    public String toString() {
        return typname();
    }
}
