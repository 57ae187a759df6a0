package datastore.schemas.frictionless;

import datastore.core.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Entry points for Table Schema descriptors: validate, read, and a canonical form and hash to compare them by. */
public final class TableSchemas {
    private static final List<String> DEFAULT_MISSING_VALUES = List.of("");

    private TableSchemas() {}

    /** Every problem of the descriptor at once (v1 and v2); empty when it is a valid Table Schema. */
    public static List<SchemaProblem> problems(JsonNode descriptor) {
        return DescriptorCheck.run(descriptor);
    }

    /** The descriptor read into a {@link TableSchema}; throws {@link InvalidSchemaException} listing its problems. */
    public static TableSchema read(JsonNode descriptor) {
        List<SchemaProblem> problems = problems(descriptor);
        if (!problems.isEmpty()) {
            throw new InvalidSchemaException(problems);
        }
        SchemaVersion version = SchemaVersion.of(descriptor);
        List<String> primaryKey = names(descriptor.path("primaryKey"));
        List<SchemaField> fields = new ArrayList<>();
        for (JsonNode f : descriptor.path("fields")) {
            String name = f.path("name").asString();
            JsonNode type = f.path("type");
            FieldKind kind = type.isString() ? FieldKind.of(type.asString()) : null;
            if (kind == null) {
                kind = version.defaultKind();
            }
            String format = Formats.normalise(f.path("format").asString("default"));
            JsonNode c = f.path("constraints");
            boolean required = c.path("required").asBoolean(false) || primaryKey.contains(name);
            fields.add(new SchemaField(
                    name, kind, format, required, c.path("unique").asBoolean(false), f));
        }
        List<List<String>> uniqueKeys = new ArrayList<>();
        for (JsonNode uk : descriptor.path("uniqueKeys")) {
            uniqueKeys.add(names(uk));
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (JsonNode fk : descriptor.path("foreignKeys")) {
            JsonNode ref = fk.path("reference");
            foreignKeys.add(new ForeignKey(
                    names(fk.path("fields")), ref.path("resource").asString(""), names(ref.path("fields"))));
        }
        return new TableSchema(
                fields,
                primaryKey,
                uniqueKeys,
                foreignKeys,
                missingValues(descriptor.path("missingValues")),
                descriptor);
    }

    /** The descriptor as JSON with every object's keys sorted and no whitespace: equal schemas give equal text. */
    public static String canonicalJson(JsonNode descriptor) {
        return JsonMappers.standard().writeValueAsString(sorted(descriptor));
    }

    /** Lower-case hex SHA-256 of {@link #canonicalJson}. */
    public static String hash(JsonNode descriptor) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonicalJson(descriptor).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The strings a {@code missingValues} list declares (a v2 labelled entry gives its {@code value}); default {@code [""]}. */
    static List<String> missingValues(JsonNode mv) {
        if (!mv.isArray()) {
            return DEFAULT_MISSING_VALUES;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : mv) {
            out.add(v.isObject() ? v.path("value").asString() : v.asString());
        }
        return out;
    }

    private static List<String> names(JsonNode v) {
        if (v.isString()) {
            return List.of(v.asString());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : v) {
            out.add(n.asString());
        }
        return out;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> byKey = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                byKey.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            byKey.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                out.add(sorted(item));
            }
            return out;
        }
        return node;
    }
}
