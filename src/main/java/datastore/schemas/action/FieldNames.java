package datastore.schemas.action;

/** CKAN's rules for field and alias names. */
public final class FieldNames {
    public static final int MAX_LENGTH = 63;

    private FieldNames() {}

    /**
     * is_valid_field_name: non-empty, no surrounding whitespace, no leading underscore, no double quote;
     * and no NUL, which no SQL engine accepts in an identifier.
     */
    public static boolean isValidField(String name) {
        return name != null
                && !name.isEmpty()
                && name.strip().equals(name)
                && !name.startsWith("_")
                && !name.contains("\"")
                && name.chars().noneMatch(c -> c == 0);
    }

    /** is_valid_table_name: a valid field name without {@code %}. */
    public static boolean isValidAlias(String name) {
        return isValidField(name) && !name.contains("%");
    }
}
