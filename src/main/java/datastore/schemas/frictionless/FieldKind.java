package datastore.schemas.frictionless;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The Table Schema field types; {@code LIST} exists in v2 only. */
public enum FieldKind {
    STRING,
    NUMBER,
    INTEGER,
    BOOLEAN,
    OBJECT,
    ARRAY,
    LIST,
    DATE,
    TIME,
    DATETIME,
    YEAR,
    YEARMONTH,
    DURATION,
    GEOPOINT,
    GEOJSON,
    ANY;

    /** The name as a descriptor writes it ({@code "datetime"}). */
    public String typeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a descriptor's {@code type} names, or null for an unknown type. */
    public static @Nullable FieldKind of(String type) {
        for (FieldKind k : values()) {
            if (k.typeName().equals(type)) {
                return k;
            }
        }
        return null;
    }
}
