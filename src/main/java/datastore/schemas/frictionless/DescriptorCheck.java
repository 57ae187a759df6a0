package datastore.schemas.frictionless;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Collects every problem of a Table Schema descriptor in one pass, each with a JSON pointer to where it is. */
final class DescriptorCheck {
    private static final Set<String> FIELDS_MATCH = Set.of("exact", "equal", "subset", "superset", "partial");
    private static final Set<String> LIST_ITEM_TYPES =
            Set.of("string", "integer", "boolean", "number", "datetime", "date", "time");

    private final List<SchemaProblem> problems = new ArrayList<>();
    private final SchemaVersion version;

    private DescriptorCheck(SchemaVersion version) {
        this.version = version;
    }

    static List<SchemaProblem> run(@Nullable JsonNode descriptor) {
        if (descriptor == null || !descriptor.isObject()) {
            return List.of(new SchemaProblem("", "a Table Schema must be a JSON object"));
        }
        DescriptorCheck check = new DescriptorCheck(SchemaVersion.of(descriptor));
        check.schema(descriptor);
        return List.copyOf(check.problems);
    }

    private void problem(String pointer, String message) {
        problems.add(new SchemaProblem(pointer, message));
    }

    private void schema(JsonNode d) {
        JsonNode fields = d.path("fields");
        List<String> names = new ArrayList<>();
        if (fields.isMissingNode()) {
            problem("/fields", "\"fields\" is required");
        } else if (!fields.isArray()) {
            problem("/fields", "\"fields\" must be an array of field descriptors");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < fields.size(); i++) {
                String name = field(fields.get(i), "/fields/" + i);
                if (name != null) {
                    if (!seen.add(name)) {
                        problem("/fields/" + i + "/name", "field name \"" + name + "\" is used by another field");
                    }
                    names.add(name);
                }
            }
        }
        JsonNode s = d.path("$schema");
        if (!s.isMissingNode() && !s.isString()) {
            problem("/$schema", "\"$schema\" must be a string (a profile URL)");
        }
        missingValues(d.path("missingValues"), "/missingValues");
        primaryKey(d.path("primaryKey"), names);
        uniqueKeys(d.path("uniqueKeys"), names);
        foreignKeys(d.path("foreignKeys"), names);
        JsonNode fm = d.path("fieldsMatch");
        if (!fm.isMissingNode() && !(fm.isString() && FIELDS_MATCH.contains(fm.asString()))) {
            problem("/fieldsMatch", "\"fieldsMatch\" must be one of exact, equal, subset, superset, partial");
        }
    }

    /** Checks one field descriptor; returns its name when it has a usable one. */
    private @Nullable String field(JsonNode f, String at) {
        if (!f.isObject()) {
            problem(at, "a field descriptor must be a JSON object");
            return null;
        }
        String name = null;
        JsonNode n = f.path("name");
        if (n.isMissingNode()) {
            problem(at + "/name", "\"name\" is required");
        } else if (!n.isString() || n.asString().isEmpty()) {
            problem(at + "/name", "\"name\" must be a non-empty string");
        } else {
            name = n.asString();
        }
        FieldKind kind = version.defaultKind();
        JsonNode t = f.path("type");
        if (!t.isMissingNode()) {
            FieldKind k = t.isString() ? FieldKind.of(t.asString()) : null;
            if (k == null || (k == FieldKind.LIST && version == SchemaVersion.V1)) {
                problem(
                        at + "/type",
                        "unknown field type " + t + " (one of string, number, integer, boolean, object,"
                                + " array, list, date, time, datetime, year, yearmonth, duration, geopoint, geojson, any)");
                return name;
            }
            kind = k;
        }
        JsonNode fmt = f.path("format");
        if (!fmt.isMissingNode()) {
            if (!fmt.isString()) {
                problem(at + "/format", "\"format\" must be a string");
            } else if (!Formats.allowed(kind, Formats.normalise(fmt.asString()))) {
                problem(
                        at + "/format",
                        "format \"" + fmt.asString() + "\" is not a format of type \"" + kind.typeName() + "\"");
            }
        }
        for (String textual : List.of("title", "description", "rdfType")) {
            JsonNode v = f.path(textual);
            if (!v.isMissingNode() && !v.isString()) {
                problem(at + "/" + textual, "\"" + textual + "\" must be a string");
            }
        }
        typeProperties(f, kind, at);
        if (f.has("missingValues")) {
            missingValues(f.path("missingValues"), at + "/missingValues");
        }
        constraints(f, kind, at + "/constraints");
        return name;
    }

    private void typeProperties(JsonNode f, FieldKind kind, String at) {
        switch (kind) {
            case NUMBER, INTEGER -> {
                oneCharacter(f.path("decimalChar"), at + "/decimalChar", kind == FieldKind.NUMBER);
                oneCharacter(f.path("groupChar"), at + "/groupChar", true);
                bool(f.path("bareNumber"), at + "/bareNumber");
            }
            case BOOLEAN -> {
                stringArray(f.path("trueValues"), at + "/trueValues");
                stringArray(f.path("falseValues"), at + "/falseValues");
            }
            case LIST -> {
                JsonNode delimiter = f.path("delimiter");
                if (!delimiter.isMissingNode()
                        && !(delimiter.isString() && !delimiter.asString().isEmpty())) {
                    problem(at + "/delimiter", "\"delimiter\" must be a non-empty string");
                }
                JsonNode item = f.path("itemType");
                if (!item.isMissingNode() && !(item.isString() && LIST_ITEM_TYPES.contains(item.asString()))) {
                    problem(
                            at + "/itemType",
                            "\"itemType\" must be one of string, integer, boolean, number, datetime," + " date, time");
                }
            }
            default -> {}
        }
    }

    private void oneCharacter(JsonNode v, String at, boolean allowed) {
        if (v.isMissingNode()) {
            return;
        }
        if (!allowed) {
            problem(at, "not a property of this field type");
        } else if (!v.isString() || v.asString().isEmpty()) {
            problem(at, "must be a non-empty string");
        }
    }

    private void bool(JsonNode v, String at) {
        if (!v.isMissingNode() && !v.isBoolean()) {
            problem(at, "must be true or false");
        }
    }

    private void stringArray(JsonNode v, String at) {
        if (v.isMissingNode()) {
            return;
        }
        if (!v.isArray()) {
            problem(at, "must be an array of strings");
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                problem(at + "/" + i, "must be a string");
            }
        }
    }

    private void missingValues(JsonNode mv, String at) {
        if (mv.isMissingNode()) {
            return;
        }
        if (!mv.isArray()) {
            problem(at, "\"missingValues\" must be an array of strings");
            return;
        }
        for (int i = 0; i < mv.size(); i++) {
            JsonNode v = mv.get(i);
            if (v.isString()) {
                continue;
            }
            if (v.isObject() && version != SchemaVersion.V1) {
                if (!v.path("value").isString()) {
                    problem(at + "/" + i + "/value", "a labelled missing value needs a string \"value\"");
                }
                JsonNode label = v.path("label");
                if (!label.isMissingNode() && !label.isString()) {
                    problem(at + "/" + i + "/label", "\"label\" must be a string");
                }
                continue;
            }
            problem(
                    at + "/" + i,
                    version == SchemaVersion.V1
                            ? "a missing value must be a string"
                            : "a missing value must be a string or a {\"value\", \"label\"} object");
        }
    }

    private void constraints(JsonNode f, FieldKind kind, String at) {
        JsonNode c = f.path("constraints");
        if (c.isMissingNode()) {
            return;
        }
        if (!c.isObject()) {
            problem(at, "\"constraints\" must be a JSON object");
            return;
        }
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            String here = at + "/" + name;
            if (!Constraints.KNOWN.contains(name)) {
                problem(here, "unknown constraint \"" + name + "\"");
                continue;
            }
            if (!Constraints.supports(kind, name)) {
                problem(here, "constraint \"" + name + "\" does not apply to type \"" + kind.typeName() + "\"");
                continue;
            }
            if (version == SchemaVersion.V1 && (name.startsWith("exclusive") || name.equals("jsonSchema"))) {
                problem(here, "constraint \"" + name + "\" is a Table Schema v2 constraint; declare the v2 $schema");
                continue;
            }
            switch (name) {
                case "required", "unique" -> bool(v, here);
                case "minLength", "maxLength" -> {
                    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                        problem(here, "must be a non-negative integer");
                    }
                }
                case "pattern" -> {
                    if (!v.isString()) {
                        problem(here, "must be a string (a regular expression)");
                    } else {
                        try {
                            Pattern.compile(v.asString());
                        } catch (PatternSyntaxException ex) {
                            problem(here, "is not a valid regular expression: " + ex.getDescription());
                        }
                    }
                }
                case "enum" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        problem(here, "must be a non-empty array");
                    } else {
                        ValueReader reader = reader(f, kind);
                        for (int i = 0; reader != null && i < v.size(); i++) {
                            if (v.get(i).isNull() || reader.read(v.get(i)) == null) {
                                problem(here + "/" + i, "is not a value of type \"" + kind.typeName() + "\"");
                            }
                        }
                    }
                }
                // Applying every constraint is a must of the standard: one we cannot apply is refused, not ignored.
                case "jsonSchema" -> problem(here, "the jsonSchema constraint is not supported by this server");
                default -> {
                    ValueReader reader = reader(f, kind);
                    if (reader != null && (v.isNull() || reader.read(v) == null)) {
                        problem(here, "is not a value of type \"" + kind.typeName() + "\"");
                    }
                }
            }
        }
        if (c.path("minLength").isIntegralNumber()
                && c.path("maxLength").isIntegralNumber()
                && c.path("minLength").asLong() > c.path("maxLength").asLong()) {
            problem(at + "/minLength", "minLength is greater than maxLength");
        }
    }

    /** The field's value reader, or null when its format is not usable (already reported). */
    private static @Nullable ValueReader reader(JsonNode f, FieldKind kind) {
        JsonNode format = f.path("format");
        String fmt = format.isString() ? Formats.normalise(format.asString()) : "default";
        if (!Formats.allowed(kind, fmt)) {
            return null;
        }
        return ValueReaders.of(new SchemaField(f.path("name").asString(""), kind, fmt, false, false, f));
    }

    private @Nullable List<String> names(JsonNode v, String at, String what) {
        if (v.isString()) {
            return List.of(v.asString());
        }
        if (!v.isArray() || v.isEmpty()) {
            problem(at, what + " must be a field name or a non-empty array of field names");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                problem(at + "/" + i, "must be a field name (a string)");
                return null;
            }
            out.add(v.get(i).asString());
        }
        if (new LinkedHashSet<>(out).size() != out.size()) {
            problem(at, what + " names a field twice");
        }
        return out;
    }

    private void mustExist(List<String> used, List<String> names, JsonNode v, String at, String what) {
        for (int i = 0; i < used.size(); i++) {
            if (!names.contains(used.get(i))) {
                problem(
                        v.isString() ? at : at + "/" + i,
                        what + " \"" + used.get(i) + "\" is not a field of the schema");
            }
        }
    }

    private void primaryKey(JsonNode pk, List<String> names) {
        if (pk.isMissingNode()) {
            return;
        }
        List<String> used = names(pk, "/primaryKey", "\"primaryKey\"");
        if (used != null) {
            mustExist(used, names, pk, "/primaryKey", "primary key field");
        }
    }

    private void uniqueKeys(JsonNode uk, List<String> names) {
        if (uk.isMissingNode()) {
            return;
        }
        if (!uk.isArray()) {
            problem("/uniqueKeys", "\"uniqueKeys\" must be an array of field-name arrays");
            return;
        }
        for (int i = 0; i < uk.size(); i++) {
            String at = "/uniqueKeys/" + i;
            if (!uk.get(i).isArray()) {
                problem(at, "a unique key must be an array of field names");
                continue;
            }
            List<String> used = names(uk.get(i), at, "a unique key");
            if (used != null) {
                mustExist(used, names, uk.get(i), at, "unique key field");
            }
        }
    }

    private void foreignKeys(JsonNode fks, List<String> names) {
        if (fks.isMissingNode()) {
            return;
        }
        if (!fks.isArray()) {
            problem("/foreignKeys", "\"foreignKeys\" must be an array");
            return;
        }
        for (int i = 0; i < fks.size(); i++) {
            String at = "/foreignKeys/" + i;
            JsonNode fk = fks.get(i);
            if (!fk.isObject()) {
                problem(at, "a foreign key must be a JSON object with \"fields\" and \"reference\"");
                continue;
            }
            List<String> fields = null;
            if (!fk.has("fields")) {
                problem(at + "/fields", "\"fields\" is required");
            } else {
                fields = names(fk.path("fields"), at + "/fields", "\"fields\"");
                if (fields != null) {
                    mustExist(fields, names, fk.path("fields"), at + "/fields", "foreign key field");
                }
            }
            JsonNode ref = fk.path("reference");
            if (!ref.isObject()) {
                problem(at + "/reference", "\"reference\" must be a JSON object with \"fields\" (and \"resource\")");
                continue;
            }
            JsonNode resource = ref.path("resource");
            boolean self = resource.isMissingNode()
                    || (resource.isString() && resource.asString().isEmpty());
            if (!resource.isMissingNode() && !resource.isString()) {
                problem(at + "/reference/resource", "\"resource\" must be a string (\"\" or absent: this table)");
            }
            if (!ref.has("fields")) {
                problem(at + "/reference/fields", "\"fields\" is required");
                continue;
            }
            List<String> refFields = names(ref.path("fields"), at + "/reference/fields", "\"fields\"");
            if (refFields == null) {
                continue;
            }
            if (fields != null && fields.size() != refFields.size()) {
                problem(
                        at + "/reference/fields",
                        "the reference has " + refFields.size() + " fields but the foreign key has " + fields.size());
            }
            if (self) {
                mustExist(refFields, names, ref.path("fields"), at + "/reference/fields", "referenced field");
            }
        }
    }
}
