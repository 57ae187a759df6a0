package datastore.schemas.ckan;

import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import datastore.schemas.write.WriteMethod;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code datastore_upsert}. */
public record UpsertRequest(
        String resourceId,
        List<ObjectNode> records,
        WriteMethod method,
        boolean methodGiven,
        boolean dryRun,
        ObjectNode params) {

    public UpsertRequest {
        records = List.copyOf(records);
    }

    public static UpsertRequest parse(ObjectNode params) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        String id = p.resourceId(true).orElse("");
        List<ObjectNode> records = Records.read(p, "records", false);
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
