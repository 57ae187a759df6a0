package datastore.infrastructure.engines;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One atomic {@code datastore_create}: bring the table to {@code columns} (creating it, adding new
 * columns, dropping columns no longer listed), insert {@code records}, then replace the primary key,
 * indexes and aliases that are given; a null one keeps what the table has.
 *
 * @param existing the table as it is before the call, null when it does not exist yet
 */
public record CreateTable(
        String id,
        @Nullable TableDef existing,
        List<ColumnDef> columns,
        RowBatch records,
        @Nullable List<String> primaryKey,
        @Nullable List<List<String>> indexes,
        @Nullable List<String> aliases) {
    public CreateTable {
        Objects.requireNonNull(id, "id is null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(records, "records is null");
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
        indexes = indexes == null ? null : indexes.stream().map(List::copyOf).toList();
        aliases = aliases == null ? null : List.copyOf(aliases);
        if (existing != null && !existing.id().equals(id)) {
            throw new IllegalArgumentException("existing table " + existing.id() + " is not " + id);
        }
    }
}
