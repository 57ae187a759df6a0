package datastore.schemas.types;

/** The scalar column types the datastore supports, named by PostgreSQL's internal typname as CKAN reports them. */
public enum BaseType {
    TEXT("text"),
    VARCHAR("varchar"),
    BPCHAR("bpchar"),
    INT2("int2"),
    INT4("int4"),
    INT8("int8"),
    FLOAT4("float4"),
    FLOAT8("float8"),
    NUMERIC("numeric"),
    BOOL("bool"),
    TIMESTAMP("timestamp"),
    TIMESTAMPTZ("timestamptz"),
    DATE("date"),
    TIME("time"),
    INTERVAL("interval"),
    UUID("uuid"),
    JSON("json"),
    JSONB("jsonb");

    private final String typname;

    BaseType(String typname) {
        this.typname = typname;
    }

    public String typname() {
        return typname;
    }

    /** PostgreSQL's format_type() spelling (what CKAN reports as native_type). */
    public String formatType() {
        return switch (this) {
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case INT8 -> "bigint";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case BOOL -> "boolean";
            case TIMESTAMP -> "timestamp without time zone";
            case TIMESTAMPTZ -> "timestamp with time zone";
            case TIME -> "time without time zone";
            case VARCHAR -> "character varying";
            case BPCHAR -> "character";
            default -> typname;
        };
    }

    public boolean isTextual() {
        return this == TEXT || this == VARCHAR || this == BPCHAR;
    }

    public boolean isInteger() {
        return this == INT2 || this == INT4 || this == INT8;
    }

    public boolean isNumber() {
        return isInteger() || this == FLOAT4 || this == FLOAT8 || this == NUMERIC;
    }

    public boolean isJson() {
        return this == JSON || this == JSONB;
    }
}
