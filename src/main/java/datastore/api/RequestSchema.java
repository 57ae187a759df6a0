package datastore.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a route reads from a request besides its path, for the OpenAPI document: its query parameters
 * and the JSON Schema of its body. A route without one is still described, generically.
 *
 * @param query the query-string parameters it reads
 * @param body the JSON Schema (2020-12, as OpenAPI 3.1 uses) of its body; null when it has none or none is given
 */
public record RequestSchema(List<Param> query, @Nullable ObjectNode body) {
    public RequestSchema {
        query = List.copyOf(query);
    }

    public static RequestSchema query(List<Param> query) {
        return new RequestSchema(query, null);
    }

    public static RequestSchema body(ObjectNode body) {
        return new RequestSchema(List.of(), body);
    }

    /**
     * One query-string parameter.
     *
     * @param values the values it takes; empty for any text
     */
    public record Param(String name, String description, boolean required, List<String> values) {
        public Param {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(description, "description is null");
            values = List.copyOf(values);
        }

        public static Param of(String name, String description) {
            return new Param(name, description, false, List.of());
        }

        public static Param of(String name, String description, List<String> values) {
            return new Param(name, description, false, values);
        }

        public static Param required(String name, String description) {
            return new Param(name, description, true, List.of());
        }
    }
}
