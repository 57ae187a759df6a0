package datastore.schemas.frictionless;

import java.util.Set;

/** Which {@code format} values each field type accepts. */
final class Formats {
    private static final Set<String> STRING = Set.of("default", "email", "uri", "binary", "uuid");
    private static final Set<String> GEOPOINT = Set.of("default", "array", "object");
    private static final Set<String> GEOJSON = Set.of("default", "topojson");

    private Formats() {}

    static boolean allowed(FieldKind kind, String format) {
        return switch (kind) {
            case STRING -> STRING.contains(format);
            case GEOPOINT -> GEOPOINT.contains(format);
            case GEOJSON -> GEOJSON.contains(format);
            // "any", or a strptime-style pattern; v0's "fmt:" prefix is stripped when reading.
            case DATE, TIME, DATETIME ->
                format.equals("default")
                        || format.equals("any")
                        || (format.contains("%") && Strptime.compile(format) != null);
            default -> format.equals("default");
        };
    }

    /** The format as the readers use it: v0's {@code fmt:} prefix removed. */
    static String normalise(String format) {
        return format.startsWith("fmt:") ? format.substring(4) : format;
    }
}
