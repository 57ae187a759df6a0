package datastore.schemas.action;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.schemas.types.FieldType;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code datastore_create}. Unknown keys are ignored, as CKAN does. */
public record CreateRequest(
        Optional<String> resourceId,
        Optional<ObjectNode> resource,
        List<FieldSpec> fields,
        boolean fieldsGiven,
        ArrayNode records,
        Optional<List<String>> primaryKey,
        Optional<List<List<String>>> indexes,
        Optional<List<String>> aliases,
        boolean deleteFields,
        boolean calculateRecordCount,
        ObjectNode params) {

    public static CreateRequest parse(ObjectNode params) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        Optional<JsonNode> resource = p.raw("resource");
        boolean hasId = p.has("resource_id") || p.has("id");
        Optional<String> id = Optional.empty();
        if (resource.isPresent() && hasId) {
            problems.add("resource", "resource cannot be used with resource_id");
        } else if (resource.isEmpty() && !hasId) {
            problems.add("resource_id", "resource_id or resource required");
        } else if (hasId) {
            id = p.resourceId(true);
        } else if (!resource.get().isObject()) {
            problems.add("resource", "Must be a dict");
        }
        List<FieldSpec> fields = fields(p);
        ArrayNode records = records(p);
        Optional<List<String>> primaryKey = p.list("primary_key");
        Optional<List<List<String>>> indexes = indexes(p);
        Optional<List<String>> aliases = p.list("aliases");
        aliases.ifPresent(list -> list.stream()
                .filter(a -> !FieldNames.isValidAlias(a))
                .forEach(a -> problems.add("alias", "\"" + a + "\" is not a valid alias name")));
        boolean deleteFields = p.bool("delete_fields", false);
        boolean calc = p.bool("calculate_record_count", false);
        p.bool("force", false);
        Optional<JsonNode> triggers = p.raw("triggers");
        if (triggers.isPresent() && !(triggers.get().isArray() && triggers.get().isEmpty())) {
            problems.add("triggers", "triggers are not supported by this datastore");
        }
        problems.throwIfAny();
        return new CreateRequest(
                id,
                resource.filter(JsonNode::isObject).map(n -> (ObjectNode) n),
                fields,
                p.has("fields"),
                records,
                primaryKey,
                indexes,
                aliases,
                deleteFields,
                calc,
                params);
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
                                + f.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode f : raw.get()) {
            JsonNode idNode = f.get("id");
            if (idNode == null || idNode.isNull() || !idNode.isString()) {
                p.problems().add("fields", "field \"id\" is required and must be a string");
                continue;
            }
            String id = idNode.asString();
            if (!FieldNames.isValidField(id)) {
                p.problems().add("fields", "\"" + id + "\" is not a valid field name");
                continue;
            }
            if (id.length() > FieldNames.MAX_LENGTH) {
                p.problems().add("fields", "Column heading \"" + id + "\" exceeds limit of 63 characters.");
                continue;
            }
            if (!seen.add(id)) {
                p.problems().add("field", "Duplicate column names are not supported");
                continue;
            }
            JsonNode typeNode = f.get("type");
            Optional<FieldType> type = Optional.empty();
            Optional<String> typeName = Optional.empty();
            if (typeNode != null
                    && !typeNode.isNull()
                    && !(typeNode.isString() && typeNode.asString().isEmpty())) {
                String t = Params.text(typeNode);
                typeName = Optional.of(t);
                type = FieldType.parse(t);
                if (type.isEmpty()) {
                    p.problems().add("fields", "\"" + t + "\" is not a valid field type");
                    continue;
                }
            }
            JsonNode info = f.get("info");
            if (info != null && !info.isNull() && !info.isObject()) {
                p.problems().add("fields", "\"info\" of field \"" + id + "\" must be a dict");
                continue;
            }
            out.add(new FieldSpec(id, type, typeName, info == null || info.isNull() ? null : info));
        }
        return out;
    }

    private static ArrayNode records(Params p) {
        Optional<JsonNode> raw = p.raw("records");
        if (raw.isEmpty()) {
            return p.node().arrayNode();
        }
        if (!raw.get().isArray()) {
            p.problems().add("records", "Not a list");
            return p.node().arrayNode();
        }
        ArrayNode records = (ArrayNode) raw.get();
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).isObject()) {
                p.problems()
                        .add(
                                "records",
                                i == 0
                                        ? "The first row is not a json object"
                                        : "row \"" + i + "\" is not a json object");
                break;
            }
        }
        return records;
    }

    private static Optional<List<List<String>>> indexes(Params p) {
        Optional<JsonNode> raw = p.raw("indexes");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> out = new ArrayList<>();
        JsonNode n = raw.get();
        if (n.isString()) {
            Params.splitList(n.asString()).forEach(s -> out.add(List.of(s)));
            return Optional.of(out);
        }
        if (!n.isArray()) {
            p.problems().add("indexes", "Not a list");
            return Optional.empty();
        }
        for (JsonNode item : n) {
            if (item.isString()) {
                out.add(List.of(item.asString()));
            } else if (item.isArray()) {
                List<String> composite = new ArrayList<>();
                item.forEach(c -> composite.add(Params.text(c)));
                out.add(composite);
            } else {
                p.problems().add("indexes", "Neither a string nor a list: " + item);
            }
        }
        return Optional.of(out);
    }
}
