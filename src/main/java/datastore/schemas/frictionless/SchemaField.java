package datastore.schemas.frictionless;

import tools.jackson.databind.JsonNode;

/**
 * One field of a read Table Schema. {@code required} is true when the constraint says so or the field is part of the
 * primary key (the standard makes primary-key fields implicitly required); {@code descriptor} is the field's own JSON.
 */
public record SchemaField(
        String name, FieldKind kind, String format, boolean required, boolean unique, JsonNode descriptor) {

    /** The constraint's JSON, or a missing node when the field does not declare it. */
    public JsonNode constraint(String name) {
        return descriptor.path("constraints").path(name);
    }
}
