package datastore.schemas.ckan;

import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code datastore_search_sql}. */
public record SqlRequest(String sql) {
    public static SqlRequest parse(ObjectNode params) {
        Problems problems = new Problems();
        String sql = new Params(params, problems)
                .string("sql")
                .filter(s -> !s.isBlank())
                .orElse(null);
        if (sql == null) {
            problems.add("sql", "Missing value");
        }
        problems.throwIfAny();
        return new SqlRequest(java.util.Objects.requireNonNull(sql));
    }
}
