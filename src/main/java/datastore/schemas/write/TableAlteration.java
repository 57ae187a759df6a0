package datastore.schemas.write;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an existing table is to become, as a surface resolved it (Datasette's alter): columns renamed,
 * then the full list of columns afterwards, in order, each with its type and data dictionary; existing
 * columns not listed are dropped, new ones added, changed types retyped.
 *
 * @param renames old column id → new column id
 * @param fields every column afterwards, by its new id; each has a type
 * @param primaryKey the new primary key (empty: none); null keeps the table's
 * @param renameTo the table's new id; null keeps its id
 */
public record TableAlteration(
        Map<String, String> renames,
        List<FieldSpec> fields,
        @Nullable List<String> primaryKey,
        @Nullable String renameTo) {
    public TableAlteration {
        renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames));
        fields = List.copyOf(fields);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
        for (FieldSpec f : fields) {
            Objects.requireNonNull(f.type(), () -> "field " + f.id() + " has no type");
        }
    }
}
