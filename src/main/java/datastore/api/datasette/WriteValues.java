package datastore.api.datasette;

import datastore.core.json.JsonMappers;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.schemas.write.FieldSpec;
import datastore.services.read.SearchResult;
import datastore.services.stream.OutputField;
import datastore.services.stream.ValueRenderer;
import datastore.services.tables.TableRef;
import datastore.services.tables.TableShape;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Datasette's values on the way in and out of the datastore: {@code $base64} blobs (stored as their base64
 * text in a text column marked {@code "datasette_type": "blob"}), nested JSON stored as JSON text, booleans
 * as 1/0, sqlite-utils' type inference, and the CREATE TABLE text Datasette reports as {@code schema}.
 */
final class WriteValues {
    /** The data-dictionary key that marks a text column holding base64 blobs. */
    static final String DATASETTE_TYPE = "datasette_type";

    static final String BLOB = "blob";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WriteValues() {}

    /** Datasette's four column types. */
    enum ColumnType {
        TEXT,
        INTEGER,
        FLOAT,
        BLOB;

        static @Nullable ColumnType parse(String name) {
            return switch (name) {
                case "text" -> TEXT;
                case "integer" -> INTEGER;
                case "float" -> FLOAT;
                case "blob" -> BLOB;
                default -> null;
            };
        }

        /** The datastore column for this Datasette type: blob is text with the blob marker. */
        FieldSpec field(String name) {
            return switch (this) {
                case TEXT -> new FieldSpec(name, FieldType.TEXT, "text", null);
                case INTEGER -> new FieldSpec(name, FieldType.INT8, "int8", null);
                case FLOAT -> new FieldSpec(name, FieldType.FLOAT8, "float8", null);
                case BLOB -> new FieldSpec(name, FieldType.TEXT, "text", blobInfo());
            };
        }
    }

    static ObjectNode blobInfo() {
        ObjectNode info = NODES.objectNode();
        info.put(DATASETTE_TYPE, BLOB);
        return info;
    }

    /** Whether the column holds base64 blobs written through this surface. */
    static boolean isBlob(@Nullable JsonNode info) {
        return info != null && BLOB.equals(info.path(DATASETTE_TYPE).asString(""));
    }

    /** {@code {"$base64": true, "encoded": "…"}}: exactly these two keys. */
    static boolean isBase64(@Nullable JsonNode v) {
        return v != null
                && v.isObject()
                && v.size() == 2
                && v.path("$base64").isBoolean()
                && v.path("$base64").asBoolean()
                && v.path("encoded").isString();
    }

    /** Whether {@code encoded} is valid base64 (Datasette decodes it before writing). */
    static boolean decodable(JsonNode v) {
        try {
            Base64.getDecoder().decode(v.path("encoded").asString().strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The value the datastore stores for a Datasette value: a blob's base64 text, nested JSON as JSON
     * text, a boolean as 1 or 0 (SQLite has no booleans); everything else as sent.
     */
    static JsonNode stored(JsonNode v) {
        if (isBase64(v)) {
            return NODES.stringNode(v.path("encoded").asString().strip());
        }
        if (v.isObject() || v.isArray()) {
            return NODES.stringNode(JsonMappers.standard().writeValueAsString(v));
        }
        if (v.isBoolean()) {
            return NODES.numberNode(v.asBoolean() ? 1 : 0);
        }
        return v;
    }

    /** The record as stored, every value through {@link #stored}. */
    static ObjectNode stored(ObjectNode row) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : row.properties()) {
            out.set(e.getKey(), stored(e.getValue()));
        }
        return out;
    }

    private enum Kind {
        INT,
        FLOAT,
        STR,
        BYTES,
        OTHER
    }

    /**
     * sqlite-utils' {@code suggest_column_types} for one column: nulls ignored (all null is text),
     * int/bool integer, int+float float, str+bytes blob, dict/list text, any other mix text.
     */
    static ColumnType infer(List<JsonNode> values) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (JsonNode v : values) {
            if (v == null || v.isNull()) {
                continue;
            }
            if (isBase64(v)) {
                kinds.add(Kind.BYTES);
            } else if (v.isBoolean() || v.isIntegralNumber()) {
                kinds.add(Kind.INT);
            } else if (v.isNumber()) {
                kinds.add(Kind.FLOAT);
            } else if (v.isString()) {
                kinds.add(Kind.STR);
            } else {
                kinds.add(Kind.OTHER);
            }
        }
        if (kinds.isEmpty()) {
            return ColumnType.TEXT;
        }
        if (kinds.equals(EnumSet.of(Kind.INT))) {
            return ColumnType.INTEGER;
        }
        if (kinds.equals(EnumSet.of(Kind.FLOAT)) || kinds.equals(EnumSet.of(Kind.INT, Kind.FLOAT))) {
            return ColumnType.FLOAT;
        }
        if (kinds.equals(EnumSet.of(Kind.BYTES)) || kinds.equals(EnumSet.of(Kind.BYTES, Kind.STR))) {
            return ColumnType.BLOB;
        }
        return ColumnType.TEXT;
    }

    /** Columns for the keys of {@code rows} (in first-seen order) that {@code known} lacks, types inferred. */
    static List<FieldSpec> newColumns(List<ObjectNode> rows, Set<String> known) {
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        for (ObjectNode row : rows) {
            for (Map.Entry<String, JsonNode> e : row.properties()) {
                if (!known.contains(e.getKey())) {
                    values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
            }
        }
        List<FieldSpec> out = new ArrayList<>();
        values.forEach((name, vs) -> out.add(infer(vs).field(name)));
        return out;
    }

    /** A CREATE TABLE text as sqlite-utils ≥ 4 prints it, describing the datastore table's columns. */
    static String schema(TableRef table) {
        StringBuilder sb =
                new StringBuilder("CREATE TABLE ").append(quote(table.id())).append(" (\n");
        List<String> lines = new ArrayList<>();
        boolean singlePk = table.primaryKey().size() == 1;
        for (TableShape.Column c : table.columns()) {
            String line = "   " + quote(c.id()) + " " + sqlType(c);
            if (singlePk && table.primaryKey().getFirst().equals(c.id())) {
                line += " PRIMARY KEY";
            }
            lines.add(line);
        }
        if (table.primaryKey().size() > 1) {
            lines.add("   PRIMARY KEY ("
                    + String.join(
                            ", ",
                            table.primaryKey().stream().map(WriteValues::quote).toList()) + ")");
        }
        sb.append(String.join(",\n", lines)).append("\n)");
        return sb.toString();
    }

    private static String sqlType(TableShape.Column c) {
        if (isBlob(c.info())) {
            return "BLOB";
        }
        if (c.type().array()) {
            return "TEXT";
        }
        BaseType base = c.type().base();
        return switch (base) {
            case INT2, INT4, INT8 -> "INTEGER";
            case FLOAT4, FLOAT8 -> "REAL";
            case TEXT -> "TEXT";
            default -> c.type().typname().toUpperCase(Locale.ROOT);
        };
    }

    private static boolean isFloat(FieldType type) {
        return !type.array() && (type.base() == BaseType.FLOAT8 || type.base() == BaseType.FLOAT4);
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * The rows of {@code result} as Datasette returns them: user columns (and {@code rowid} first when the
     * table has no primary key), blob columns as {@code {"$base64": true, "encoded": …}}.
     */
    static List<ObjectNode> rows(SearchResult result, TableRef table) {
        List<OutputField> fields = result.fields();
        boolean rowid = table.primaryKey().isEmpty();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonMappers.standard().createGenerator(out)) {
            g.writeStartArray();
            while (result.rows().next()) {
                g.writeStartObject();
                for (int i = 0; i < fields.size(); i++) {
                    OutputField f = fields.get(i);
                    if (f.rank() || (f.id().equals("_id") && !rowid)) {
                        continue;
                    }
                    g.writeName(f.id().equals("_id") ? "rowid" : f.id());
                    ValueRenderer.writeJson(g, f.type(), result.rows().value(i));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        ArrayNode array = (ArrayNode) JsonMappers.standard().readTree(out.toString());
        List<ObjectNode> rows = new ArrayList<>();
        for (JsonNode n : array) {
            ObjectNode row = (ObjectNode) n;
            for (TableShape.Column c : table.columns()) {
                JsonNode v = row.get(c.id());
                if (v != null && v.isIntegralNumber() && isFloat(c.type())) {
                    // Python's json writes a REAL 2.0 as 2.0, where the datastore's renderer writes 2.
                    row.set(c.id(), NODES.numberNode(v.doubleValue()));
                }
                if (isBlob(c.info()) && v != null && v.isString()) {
                    ObjectNode blob = NODES.objectNode();
                    blob.put("$base64", true);
                    blob.put("encoded", v.asString());
                    row.set(c.id(), blob);
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
