package datastore.schemas.frictionless;

import tools.jackson.databind.JsonNode;

/**
 * The Table Schema standard a descriptor follows. {@code UNDECLARED} (no {@code $schema}) is read as frictionless-py
 * reads it: a field without {@code type} is {@code any}, and v2 additions are accepted.
 */
public enum SchemaVersion {
    V1,
    V2,
    UNDECLARED;

    public static SchemaVersion of(JsonNode descriptor) {
        JsonNode declared = descriptor.path("$schema");
        if (!declared.isString()) {
            declared = descriptor.path("profile");
        }
        if (!declared.isString()) {
            return UNDECLARED;
        }
        String s = declared.asString();
        if (s.contains("/2.0/") || s.contains("/v2/")) {
            return V2;
        }
        if (s.contains("/1.0/") || s.equals("tableschema") || s.contains("/v1/")) {
            return V1;
        }
        return UNDECLARED;
    }

    /** The type of a field that declares none: string in v1, any otherwise. */
    public FieldKind defaultKind() {
        return this == V1 ? FieldKind.STRING : FieldKind.ANY;
    }
}
