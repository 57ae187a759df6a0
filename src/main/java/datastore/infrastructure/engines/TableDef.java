package datastore.infrastructure.engines;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine knows about one datastore table: its user columns in order, its CKAN primary key
 * (a unique index), its other indexes, the aliases pointing at it, and a maintained row count.
 */
public record TableDef(
        String id,
        List<ColumnDef> fields,
        List<String> primaryKey,
        List<List<String>> indexes,
        List<String> aliases,
        long rowCount) {

    public TableDef {
        Objects.requireNonNull(id, "id is null");
        fields = List.copyOf(fields);
        primaryKey = List.copyOf(primaryKey);
        indexes = indexes.stream().map(List::copyOf).toList();
        aliases = List.copyOf(aliases);
    }

    public Optional<ColumnDef> field(String name) {
        return fields.stream().filter(f -> f.id().equals(name)).findFirst();
    }

    public List<String> fieldIds() {
        return fields.stream().map(ColumnDef::id).toList();
    }

    public TableDef withRowCount(long count) {
        return new TableDef(id, fields, primaryKey, indexes, aliases, count);
    }

    public TableDef withAliases(List<String> newAliases) {
        return new TableDef(id, fields, primaryKey, indexes, newAliases, rowCount);
    }
}
