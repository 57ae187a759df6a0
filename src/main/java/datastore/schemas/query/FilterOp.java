package datastore.schemas.query;

/**
 * How a filter compares its column with its value. {@link #EQUALS} is CKAN's filter (a scalar is
 * equality, a JSON array is IN); the others are Datasette's column filters ({@code col__op=value}),
 * whose values arrive as text.
 */
public enum FilterOp {
    /** CKAN's filter: {@code =} for a scalar, {@code IN} for a JSON array on a non-array column. */
    EQUALS,
    EXACT,
    NOT,
    CONTAINS,
    NOTCONTAINS,
    STARTSWITH,
    ENDSWITH,
    GT,
    GTE,
    LT,
    LTE,
    /** Case-insensitive LIKE pattern, as SQLite's LIKE. */
    LIKE,
    NOTLIKE,
    /** Case-sensitive glob pattern ({@code *}, {@code ?}, {@code [...]}), as SQLite's GLOB. */
    GLOB,
    /** The value is a JSON array of candidates. */
    IN,
    NOTIN,
    ISNULL,
    NOTNULL,
    ISBLANK,
    NOTBLANK,
    /** The column's date equals the value's. */
    DATE,
    /** An array column (or a JSON array) holds the value. */
    ARRAYCONTAINS,
    ARRAYNOTCONTAINS;

    /** Whether the operator ignores its value. */
    public boolean unary() {
        return this == ISNULL || this == NOTNULL || this == ISBLANK || this == NOTBLANK;
    }
}
