package datastore.infrastructure.engines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One atomic reshape of an existing table: rename columns, then bring the table to {@code columns}
 * (dropping columns no longer listed, adding new ones, retyping those whose type changed, replacing
 * their data dictionary, in this order), replace the primary key when one is given, and finally rename
 * the table. Rows, aliases and the other indexes are kept (an index on a dropped column goes with it).
 *
 * @param existing the table as it is before the call
 * @param renames old column id → new column id, applied before anything else
 * @param columns the columns afterwards, by their new ids, in their new order
 * @param primaryKey the new primary key (empty: none); null keeps the table's (renamed, less dropped columns)
 * @param renameTo the table's new id; null keeps its id
 */
public record AlterTable(
        TableDef existing,
        Map<String, String> renames,
        List<ColumnDef> columns,
        @Nullable List<String> primaryKey,
        @Nullable String renameTo) {
    public AlterTable {
        Objects.requireNonNull(existing, "existing is null");
        renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames));
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
    }

    /** The table's id after the call. */
    public String id() {
        return renameTo != null ? renameTo : existing.id();
    }

    /** A column's id after the renames. */
    public String renamed(String id) {
        return renames.getOrDefault(id, id);
    }

    /** The existing columns (by their new ids) that {@code columns} no longer lists. */
    public List<String> dropped() {
        List<String> kept = columns.stream().map(ColumnDef::id).toList();
        return existing.fieldIds().stream()
                .map(this::renamed)
                .filter(id -> !kept.contains(id))
                .toList();
    }

    /** The existing column that becomes {@code id}, if any. */
    public @Nullable ColumnDef before(String id) {
        for (ColumnDef c : existing.fields()) {
            if (renamed(c.id()).equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** The primary key afterwards. */
    public List<String> newPrimaryKey() {
        if (primaryKey != null) {
            return primaryKey;
        }
        List<String> gone = dropped();
        List<String> pk = existing.primaryKey().stream().map(this::renamed).toList();
        return pk.stream().anyMatch(gone::contains) ? List.of() : pk;
    }

    /** The other indexes afterwards: renamed, and without those covering a dropped column. */
    public List<List<String>> newIndexes() {
        List<String> gone = dropped();
        return existing.indexes().stream()
                .map(ix -> ix.stream().map(this::renamed).toList())
                .filter(ix -> ix.stream().noneMatch(gone::contains))
                .toList();
    }
}
