package datastore.schemas.frictionless;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Maps Table Schema fields to datastore column types, and says when changing a field's declaration keeps data valid. */
public final class ColumnTypes {
    private ColumnTypes() {}

    /**
     * The datastore (CKAN) column type that stores the field's cast values: text, int8, numeric, bool, date, time,
     * timestamp, interval, int4 (year) or json (object, array, list, geopoint, geojson). A yearmonth is kept as its
     * {@code YYYY-MM} text, and an {@code any} field as text, since its values need not share a type.
     */
    public static String ckanType(SchemaField field) {
        return switch (field.kind()) {
            case STRING, YEARMONTH, ANY -> "text";
            case INTEGER -> "int8";
            case NUMBER -> "numeric";
            case BOOLEAN -> "bool";
            case DATE -> "date";
            case TIME -> "time";
            case DATETIME -> "timestamp";
            case YEAR -> "int4";
            case DURATION -> "interval";
            case OBJECT, ARRAY, LIST, GEOPOINT, GEOJSON -> "json";
        };
    }

    /**
     * True when every value valid for {@code from} is valid for {@code to}: the same kind (a string's format may only
     * loosen to {@code default}), integer or year to number, year to integer, list to array, anything to a
     * default-format string or to any; and {@code to} adds no constraint {@code from} does not already have with the
     * same value (required and unique may be dropped, not added).
     */
    public static boolean widens(SchemaField from, SchemaField to) {
        return kindWidens(from, to) && constraintsWiden(from, to);
    }

    private static boolean kindWidens(SchemaField from, SchemaField to) {
        FieldKind a = from.kind();
        FieldKind b = to.kind();
        if (b == FieldKind.ANY) {
            return true;
        }
        if (b == FieldKind.STRING) {
            return to.format().equals("default")
                    || (a == FieldKind.STRING && from.format().equals(to.format()));
        }
        if (a == b) {
            return true;
        }
        return switch (a) {
            case INTEGER -> b == FieldKind.NUMBER;
            case YEAR -> b == FieldKind.NUMBER || b == FieldKind.INTEGER;
            case LIST -> b == FieldKind.ARRAY;
            default -> false;
        };
    }

    private static boolean constraintsWiden(SchemaField from, SchemaField to) {
        if (to.required() && !from.required()) {
            return false;
        }
        if (to.unique() && !from.unique()) {
            return false;
        }
        JsonNode added = to.descriptor().path("constraints");
        for (Map.Entry<String, JsonNode> c : added.properties()) {
            String name = c.getKey();
            if (name.equals("required") || name.equals("unique")) {
                continue;
            }
            if (!c.getValue().equals(from.constraint(name))) {
                return false;
            }
        }
        return true;
    }
}
