package datastore.schemas.ckan;

import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code datastore_info}: {@code resource_id} is read before {@code id}, unlike elsewhere. */
public record InfoRequest(String resourceId) {
    public static InfoRequest parse(ObjectNode params) {
        Problems problems = new Problems();
        String id = new Params(params, problems).resourceId(false).orElse("");
        problems.throwIfAny();
        return new InfoRequest(id);
    }
}
