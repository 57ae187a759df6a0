package datastore.schemas.frictionless;

import java.util.List;

/** A foreign key: {@code fields} of this table reference {@code referenceFields} of {@code resource} ("" = this table). */
public record ForeignKey(List<String> fields, String resource, List<String> referenceFields) {
    public ForeignKey {
        fields = List.copyOf(fields);
        referenceFields = List.copyOf(referenceFields);
    }

    public boolean selfReference() {
        return resource.isEmpty();
    }
}
