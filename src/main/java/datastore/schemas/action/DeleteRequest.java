package datastore.schemas.action;

import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code datastore_delete} or {@code datastore_records_delete}: no filters means drop the
 * table (delete only), an empty filter object means delete every row.
 */
public record DeleteRequest(String resourceId, Optional<Map<String, JsonNode>> filters, ObjectNode params) {

    public static DeleteRequest parse(ObjectNode params, boolean recordsOnly) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        String id = p.resourceId(true).orElse("");
        p.bool("force", false);
        p.bool("calculate_record_count", false);
        Optional<JsonNode> raw = p.raw("filters");
        Optional<Map<String, JsonNode>> filters = Optional.empty();
        if (raw.isEmpty()) {
            if (recordsOnly) {
                problems.add("filters", "Missing value");
            }
        } else if (!raw.get().isObject()) {
            problems.add("filters", recordsOnly ? "Must be a dict" : "filters must be either a dict or null.");
        } else {
            filters = Optional.of(SearchRequest.filters(p, "filters"));
        }
        if (filters.isPresent()) {
            for (String extra : p.unread()) {
                problems.add("__extras", "invalid value \"" + extra + "\"");
            }
        }
        problems.throwIfAny();
        return new DeleteRequest(id, filters.map(LinkedHashMap::new), params);
    }
}
