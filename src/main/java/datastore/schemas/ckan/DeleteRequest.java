package datastore.schemas.ckan;

import datastore.schemas.query.Search;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated {@code datastore_delete} or {@code datastore_records_delete}.
 *
 * @param filters null means drop the table (delete only); an empty list deletes every row
 */
public record DeleteRequest(String resourceId, @Nullable List<Search.Filter> filters, ObjectNode params) {

    public static DeleteRequest parse(ObjectNode params, boolean recordsOnly) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        String id = p.resourceId(true).orElse("");
        p.bool("force", false);
        p.bool("calculate_record_count", false);
        Optional<JsonNode> raw = p.raw("filters");
        List<Search.Filter> filters = null;
        if (raw.isEmpty()) {
            if (recordsOnly) {
                problems.add("filters", "Missing value");
            }
        } else if (!raw.get().isObject()) {
            problems.add("filters", recordsOnly ? "Must be a dict" : "filters must be either a dict or null.");
        } else {
            filters = SearchRequest.filters(p, "filters");
        }
        if (filters != null) {
            for (String extra : p.unread()) {
                problems.add("__extras", "invalid value \"" + extra + "\"");
            }
        }
        problems.throwIfAny();
        return new DeleteRequest(id, filters, params);
    }
}
