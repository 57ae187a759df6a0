package datastore.schemas.ckan;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.schemas.types.FieldType;
import datastore.schemas.validation.Names;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import datastore.schemas.write.FieldSpec;
import datastore.schemas.write.TableDesign;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code datastore_create}: the table it names (or the CKAN resource dict to make one for),
 * the neutral {@link TableDesign}, and the parameters CKAN echoes. Unknown keys are ignored, as CKAN does.
 *
 * @param resourceId the table to create or change; null when {@code resource} is given instead
 * @param resource CKAN's resource dict for a new resource; null when {@code resourceId} is given
 */
public record CreateRequest(
        @Nullable String resourceId, @Nullable ObjectNode resource, TableDesign design, ObjectNode params) {

    public static CreateRequest parse(ObjectNode params) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        Optional<JsonNode> resource = p.raw("resource");
        boolean hasId = p.has("resource_id") || p.has("id");
        String id = null;
        if (resource.isPresent() && hasId) {
            problems.add("resource", "resource cannot be used with resource_id");
        } else if (resource.isEmpty() && !hasId) {
            problems.add("resource_id", "resource_id or resource required");
        } else if (hasId) {
            id = p.resourceId(true).orElse(null);
            if (id != null) {
                Optional<String> why = Names.resourceIdProblem(id);
                if (why.isPresent()) {
                    problems.add("resource_id", Params.invalidName(id, "resource id", why.get()));
                    id = null;
                }
            }
        } else if (!resource.get().isObject()) {
            problems.add("resource", "Must be a dict");
        } else if (!resource.get().path("package_id").isString()
                || resource.get().path("package_id").asString().isBlank()) {
            // CKAN's resource_create needs the dataset the resource belongs to.
            problems.add("package_id", "Missing value");
        }
        List<FieldSpec> fields = fields(p);
        List<ObjectNode> records = Records.read(p, "records", true);
        List<String> primaryKey = p.list("primary_key").orElse(null);
        List<List<String>> indexes = indexes(p);
        List<String> aliases = p.list("aliases").orElse(null);
        if (aliases != null) {
            for (String alias : aliases) {
                Names.aliasProblem(alias)
                        .ifPresent(why ->
                                problems.add("alias", "\"" + Params.printable(alias) + "\" is not a valid alias name"));
            }
        }
        boolean deleteFields = p.bool("delete_fields", false);
        p.bool("calculate_record_count", false);
        p.bool("force", false);
        Optional<JsonNode> triggers = p.raw("triggers");
        if (triggers.isPresent() && !(triggers.get().isArray() && triggers.get().isEmpty())) {
            problems.add("triggers", "triggers are not supported by this datastore");
        }
        problems.throwIfAny();
        TableDesign design = new TableDesign(fields, records, primaryKey, indexes, aliases, deleteFields);
        ObjectNode dict =
                resource.filter(JsonNode::isObject).map(n -> (ObjectNode) n).orElse(null);
        return new CreateRequest(id, dict, design, params);
    }

    /** Whether the call declared {@code fields} (CKAN then echoes them with their types). */
    public boolean fieldsGiven() {
        return params.has("fields") && !params.get("fields").isNull();
    }

    private static List<FieldSpec> fields(Params p) {
        List<FieldSpec> out = new ArrayList<>();
        Optional<JsonNode> raw = p.raw("fields");
        if (raw.isEmpty()) {
            return out;
        }
        if (!raw.get().isArray()) {
            p.problems().add("fields", "Not a list");
            return out;
        }
        for (JsonNode f : raw.get()) {
            if (!f.isObject()) {
                // navl's DataError: a list of non-dicts where a sub-schema is expected.
                throw ApiException.of(
                        ErrorCode.INTEGRITY,
                        "Only lists of dicts can be placed against subschema ('fields',), not "
                                + f.getNodeType().name().toLowerCase(Locale.ROOT));
            }
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode f : raw.get()) {
            FieldSpec spec = field(f, p.problems());
            if (spec == null) {
                continue;
            }
            if (!seen.add(spec.id())) {
                p.problems().add("field", "Duplicate column names are not supported");
                continue;
            }
            out.add(spec);
        }
        return out;
    }

    private static @Nullable FieldSpec field(JsonNode f, Problems problems) {
        JsonNode idNode = f.get("id");
        if (idNode == null || idNode.isNull() || !idNode.isString()) {
            problems.add("fields", "field \"id\" is required and must be a string");
            return null;
        }
        String id = idNode.asString();
        if (id.length() > Names.MAX_BYTES || id.getBytes(StandardCharsets.UTF_8).length > Names.MAX_BYTES) {
            problems.add("fields", "Column heading \"" + Params.printable(id) + "\" exceeds limit of 63 characters.");
            return null;
        }
        Optional<String> why = Names.fieldProblem(id);
        if (why.isPresent()) {
            problems.add("fields", "\"" + Params.printable(id) + "\" is not a valid field name (" + why.get() + ")");
            return null;
        }
        JsonNode typeNode = f.get("type");
        FieldType type = null;
        String typeName = null;
        if (typeNode != null
                && !typeNode.isNull()
                && !(typeNode.isString() && typeNode.asString().isEmpty())) {
            if (!typeNode.isValueNode()) {
                problems.add("fields", "\"type\" of field \"" + id + "\" must be a string");
                return null;
            }
            typeName = Params.text(typeNode);
            type = FieldType.parse(typeName).orElse(null);
            if (type == null) {
                problems.add("fields", "\"" + Params.printable(typeName) + "\" is not a valid field type");
                return null;
            }
        }
        JsonNode info = f.get("info");
        if (info != null && !info.isNull() && !info.isObject()) {
            problems.add("fields", "\"info\" of field \"" + id + "\" must be a dict");
            return null;
        }
        return new FieldSpec(id, type, typeName, info == null || info.isNull() ? null : info);
    }

    private static @Nullable List<List<String>> indexes(Params p) {
        Optional<JsonNode> raw = p.raw("indexes");
        if (raw.isEmpty()) {
            return null;
        }
        List<List<String>> out = new ArrayList<>();
        JsonNode n = raw.get();
        if (n.isString()) {
            Params.splitList(n.asString()).forEach(s -> out.add(List.of(s)));
            return out;
        }
        if (!n.isArray()) {
            p.problems().add("indexes", "Not a list");
            return null;
        }
        for (JsonNode item : n) {
            if (item.isString()) {
                out.add(List.of(item.asString()));
            } else if (item.isArray()) {
                List<String> composite = new ArrayList<>();
                for (JsonNode c : item) {
                    if (!c.isValueNode() || c.isNull()) {
                        p.problems().add("indexes", "Neither a string nor a list: " + item);
                        break;
                    }
                    composite.add(Params.text(c));
                }
                out.add(composite);
            } else {
                p.problems().add("indexes", "Neither a string nor a list: " + item);
            }
        }
        return out;
    }
}
