package datastore.schemas.ckan.catalog;

import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.ResourceInput;
import datastore.schemas.validation.Problems;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CKAN's resource dict: read as {@code resource_create} validates it ({@code default_resource_schema}),
 * and rendered as {@code resource_show} returns it. Keys CKAN's schema does not name are kept as extras.
 */
public final class ResourceDicts {
    /** Keys the service sets itself, so a caller's values for them are ignored, as CKAN ignores them. */
    private static final List<String> IGNORED = List.of(
            "id",
            "package_id",
            "name",
            "description",
            "state",
            "position",
            "datastore_active",
            "created",
            "metadata_modified",
            "url_type");

    private static final List<String> TEXT_FIELDS = List.of(
            "url", "format", "hash", "resource_type", "mimetype", "mimetype_inner", "cache_url", "last_modified");

    private ResourceDicts() {}

    /** Reads a {@code resource_create} / {@code resource_update} dict, which must name its package. */
    public static ResourceInput parse(ObjectNode dict) {
        Problems problems = new Problems();
        ResourceInput r = read(dict, problems, "", true);
        problems.throwIfAny();
        return java.util.Objects.requireNonNull(r, "a resource without problems");
    }

    /** Reads one resource dict, adding problems under {@code prefix}; null when it has problems. */
    static @Nullable ResourceInput read(ObjectNode dict, Problems problems, String prefix, boolean needsPackage) {
        int before = problems.count();
        DictReader r = new DictReader(dict, problems, prefix);
        String packageId = r.nonEmpty("package_id");
        if (needsPackage && packageId == null) {
            problems.add(prefix + "package_id", "Missing value");
        }
        String id = r.nonEmpty("id");
        String name = r.text("name");
        String description = r.text("description");
        ObjectNode fields = JsonMappers.standard().createObjectNode();
        for (String key : TEXT_FIELDS) {
            String v = r.text(key);
            if (v != null) {
                fields.put(key, key.equals("url") ? v.strip() : v);
            }
        }
        JsonNode size = dict.path("size");
        if (!size.isMissingNode()
                && !size.isNull()
                && !(size.isString() && size.asString().isEmpty())) {
            if (size.isIntegralNumber() || (size.isString() && size.asString().matches("-?[0-9]{1,18}"))) {
                fields.put("size", size.asLong());
            } else {
                problems.add(prefix + "size", "Invalid integer");
            }
        }
        for (Map.Entry<String, JsonNode> e : dict.properties()) {
            String k = e.getKey();
            if (!IGNORED.contains(k) && !TEXT_FIELDS.contains(k) && !k.equals("size")) {
                fields.set(k, e.getValue());
            }
        }
        if (problems.count() != before) {
            return null;
        }
        return new ResourceInput(
                id, packageId, name == null ? "" : name, description == null ? "" : description, fields);
    }

    /** {@code resource_show}'s dict: CKAN's keys in CKAN's (alphabetical) order, extras among them. */
    public static ObjectNode render(Views.Resource r) {
        Map<String, JsonNode> keys = new TreeMap<>();
        var nodes = JsonMappers.standard().getNodeFactory();
        for (String k : List.of(
                "cache_last_updated",
                "cache_url",
                "last_modified",
                "mimetype",
                "mimetype_inner",
                "resource_type",
                "size",
                "url_type")) {
            keys.put(k, nodes.nullNode());
        }
        keys.put("format", nodes.stringNode(""));
        keys.put("hash", nodes.stringNode(""));
        keys.put("url", nodes.stringNode(""));
        r.fields().properties().forEach(e -> keys.put(e.getKey(), e.getValue()));
        keys.put("created", nodes.stringNode(Views.time(r.created())));
        keys.put("datastore_active", nodes.booleanNode(r.datastoreActive()));
        keys.put("description", nodes.stringNode(r.description()));
        keys.put("id", nodes.stringNode(r.id()));
        keys.put("metadata_modified", nodes.stringNode(Views.time(r.modified())));
        keys.put("name", nodes.stringNode(r.name()));
        keys.put("package_id", nodes.stringNode(r.packageId()));
        keys.put("position", nodes.numberNode(r.position()));
        keys.put("state", nodes.stringNode(r.active() ? "active" : "deleted"));
        ObjectNode o = JsonMappers.standard().createObjectNode();
        keys.forEach(o::set);
        return o;
    }
}
