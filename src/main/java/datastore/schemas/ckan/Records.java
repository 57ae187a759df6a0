package datastore.schemas.ckan;

import datastore.schemas.validation.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads CKAN's {@code records}: a list of JSON objects, rows numbered from 1 in every message. */
final class Records {
    private Records() {}

    static List<ObjectNode> read(Params p, String key, boolean firstRowWording) {
        Optional<JsonNode> raw = p.raw(key);
        if (raw.isEmpty()) {
            return List.of();
        }
        if (!raw.get().isArray()) {
            p.problems().add(key, "Not a list");
            return List.of();
        }
        List<ObjectNode> records = new ArrayList<>(raw.get().size());
        int row = 0;
        for (JsonNode record : raw.get()) {
            row++;
            if (!(record instanceof ObjectNode object)) {
                p.problems()
                        .add(
                                key,
                                row == 1 && firstRowWording
                                        ? "The first row is not a json object"
                                        : "row \"" + row + "\" is not a json object");
                return List.of();
            }
            records.add(object);
        }
        return records;
    }
}
