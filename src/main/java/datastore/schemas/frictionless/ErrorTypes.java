package datastore.schemas.frictionless;

import java.util.List;
import java.util.Map;

/** frictionless-py's error catalogue ({@code errors/row.py}, {@code errors/cell.py}): title, description, template, tags. */
final class ErrorTypes {
    record Type(String title, String description, String template, List<String> tags) {}

    private static final List<String> ROW = List.of("#table", "#row");
    private static final List<String> CELL = List.of("#table", "#row", "#cell");
    private static final String COUNT_NOTE =
            "This row has %s values compared to the header row (the first row in the data"
                    + " source). A key concept is that all the rows in tabular data must have the same number of columns.";

    static final Map<String, Type> TYPES = Map.of(
            "blank-row",
            new Type(
                    "Blank Row",
                    "This row is empty. A row should contain at least one value.",
                    "Row at position \"{rowNumber}\" is completely blank",
                    ROW),
            "primary-key",
            new Type(
                    "PrimaryKey Error",
                    "Values in the primary key fields should be unique for every row",
                    "Row at position \"{rowNumber}\" violates the primary key: {note}",
                    ROW),
            "foreign-key",
            new Type(
                    "ForeignKey Error",
                    "Values in the foreign key fields should exist in the reference table",
                    "Row at position \"{rowNumber}\" violates the foreign key: {note}",
                    ROW),
            "extra-cell",
            new Type(
                    "Extra Cell",
                    COUNT_NOTE.formatted("more"),
                    "Row at position \"{rowNumber}\" has an extra value in field at position \"{fieldNumber}\"",
                    CELL),
            "missing-cell",
            new Type(
                    "Missing Cell",
                    COUNT_NOTE.formatted("less"),
                    "Row at position \"{rowNumber}\" has a missing cell in field \"{fieldName}\" at position \"{fieldNumber}\"",
                    CELL),
            "type-error",
            new Type(
                    "Type Error",
                    "The value does not match the schema type and format for this field.",
                    "Type error in the cell \"{cell}\" in row \"{rowNumber}\" and field \"{fieldName}\" at position"
                            + " \"{fieldNumber}\": {note}",
                    CELL),
            "constraint-error",
            new Type(
                    "Constraint Error",
                    "A field value does not conform to a constraint.",
                    "The cell \"{cell}\" in row at position \"{rowNumber}\" and field \"{fieldName}\" at position"
                            + " \"{fieldNumber}\" does not conform to a constraint: {note}",
                    CELL),
            "unique-error",
            new Type(
                    "Unique Error",
                    "This field is a unique field but it contains a value that has been used in another row.",
                    "Row at position \"{rowNumber}\" has unique constraint violation in field \"{fieldName}\" at position"
                            + " \"{fieldNumber}\": {note}",
                    CELL),
            "source-error",
            new Type(
                    "Source Error",
                    "Data reading error because of not supported or inconsistent contents.",
                    "The data source has not supported or has inconsistent contents: {note}",
                    List.of()));

    private ErrorTypes() {}

    static Type of(String type) {
        Type t = TYPES.get(type);
        if (t == null) {
            throw new IllegalArgumentException("unknown error type " + type);
        }
        return t;
    }
}
