package datastore.schemas.frictionless;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Which constraints each field type supports (the standard's table; v2's exclusive bounds and jsonSchema included). */
final class Constraints {
    static final Set<String> KNOWN = Set.of(
            "required",
            "unique",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "pattern",
            "enum",
            "jsonSchema");

    private static final Set<FieldKind> LENGTH =
            EnumSet.of(FieldKind.STRING, FieldKind.ARRAY, FieldKind.OBJECT, FieldKind.LIST);
    private static final Set<FieldKind> RANGE = EnumSet.of(
            FieldKind.INTEGER,
            FieldKind.NUMBER,
            FieldKind.DATE,
            FieldKind.TIME,
            FieldKind.DATETIME,
            FieldKind.YEAR,
            FieldKind.YEARMONTH,
            FieldKind.DURATION);
    private static final Map<String, Set<FieldKind>> LIMITED = Map.of(
            "minLength", LENGTH,
            "maxLength", LENGTH,
            "minimum", RANGE,
            "maximum", RANGE,
            "exclusiveMinimum", RANGE,
            "exclusiveMaximum", RANGE,
            "pattern", EnumSet.of(FieldKind.STRING),
            "jsonSchema", EnumSet.of(FieldKind.ARRAY, FieldKind.OBJECT));

    private Constraints() {}

    static boolean supports(FieldKind kind, String constraint) {
        Set<FieldKind> kinds = LIMITED.get(constraint);
        return kinds == null || kinds.contains(kind);
    }
}
