package datastore.schemas.action;

import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code datastore_upsert}. */
public record UpsertRequest(
        String resourceId,
        ArrayNode records,
        WriteMethod method,
        boolean methodGiven,
        boolean dryRun,
        ObjectNode params) {

    public static UpsertRequest parse(ObjectNode params) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        String id = p.resourceId(true).orElse("");
        ArrayNode records = p.node().arrayNode();
        Optional<JsonNode> raw = p.raw("records");
        if (raw.isPresent()) {
            if (!raw.get().isArray()) {
                problems.add("records", "Not a list");
            } else {
                records = (ArrayNode) raw.get();
                for (int i = 0; i < records.size(); i++) {
                    if (!records.get(i).isObject()) {
                        problems.add("records", "row \"" + i + "\" is not a json object");
                        break;
                    }
                }
            }
        }
        Optional<String> method = p.oneOf("method", List.of("upsert", "insert", "update"));
        boolean dryRun = p.bool("dry_run", false);
        p.bool("force", false);
        p.bool("calculate_record_count", false);
        problems.throwIfAny();
        return new UpsertRequest(
                id,
                records,
                WriteMethod.valueOf(method.orElse("upsert").toUpperCase(Locale.ROOT)),
                method.isPresent(),
                dryRun,
                params);
    }
}
