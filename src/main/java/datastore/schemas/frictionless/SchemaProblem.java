package datastore.schemas.frictionless;

/** One thing wrong with a Table Schema descriptor; {@code pointer} is a JSON pointer into it ("" = the whole descriptor). */
public record SchemaProblem(String pointer, String message) {}
