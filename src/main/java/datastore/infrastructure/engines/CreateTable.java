package datastore.infrastructure.engines;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One atomic {@code datastore_create}: bring the table to {@code columns} (creating it, adding new
 * columns, dropping columns no longer listed), insert {@code records}, then replace the primary key,
 * indexes and aliases that are present.
 */
public record CreateTable(
        String id,
        List<ColumnDef> columns,
        RowBatch records,
        Optional<List<String>> primaryKey,
        Optional<List<List<String>>> indexes,
        Optional<List<String>> aliases) {
    public CreateTable {
        Objects.requireNonNull(id, "id is null");
        columns = List.copyOf(columns);
        Objects.requireNonNull(records, "records is null");
    }
}
