package datastore.infrastructure.engines;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One atomic reshape of an existing table: drop the existing columns {@code columns} no longer comes
 * from, rename the kept ones, add the new ones, retype those whose type changed and replace their data
 * dictionary, put them in the listed order, replace the primary key when one is given, and finally
 * rename the table. Rows, aliases and the other indexes are kept (an index on a dropped column goes).
 *
 * @param existing the table as it is before the call
 * @param columns the columns afterwards, in their new order, each with the existing column it comes from
 * @param primaryKey the new primary key (empty: none); null keeps the table's (renamed; none when one of
 *     its columns is dropped)
 * @param renameTo the table's new id; null keeps its id
 */
public record AlterTable(
        TableDef existing,
        List<Column> columns,
        @Nullable List<String> primaryKey,
        @Nullable String renameTo) {

    /**
     * One column afterwards.
     *
     * @param from the id of the existing column it is (renamed, retyped or as it was); null for a new one
     */
    public record Column(@Nullable String from, ColumnDef def) {
        public Column {
            Objects.requireNonNull(def, "def is null");
        }

        public String id() {
            return def.id();
        }
    }

    public AlterTable {
        Objects.requireNonNull(existing, "existing is null");
        columns = List.copyOf(columns);
        primaryKey = primaryKey == null ? null : List.copyOf(primaryKey);
        Set<String> ids = new HashSet<>();
        Set<String> froms = new HashSet<>();
        for (Column c : columns) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("column " + c.id() + " is listed twice");
            }
            if (c.from() != null && (existing.field(c.from()).isEmpty() || !froms.add(c.from()))) {
                throw new IllegalArgumentException("column " + c.from() + " is no column of " + existing.id());
            }
        }
    }

    /** The table's id after the call. */
    public String id() {
        return renameTo != null ? renameTo : existing.id();
    }

    /** The columns afterwards. */
    public List<ColumnDef> fields() {
        return columns.stream().map(Column::def).toList();
    }

    /** The existing columns that no column afterwards comes from, by their current ids. */
    public List<String> dropped() {
        Set<String> kept = new HashSet<>();
        columns.forEach(c -> {
            if (c.from() != null) {
                kept.add(c.from());
            }
        });
        return existing.fieldIds().stream().filter(id -> !kept.contains(id)).toList();
    }

    /** Existing column id → its new id, for the kept columns whose id changes, in the table's order. */
    public Map<String, String> renames() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : existing.fieldIds()) {
            for (Column c : columns) {
                if (id.equals(c.from()) && !id.equals(c.id())) {
                    out.put(id, c.id());
                }
            }
        }
        return out;
    }

    /** The existing column {@code column} comes from; null for a new one. */
    public @Nullable ColumnDef before(Column column) {
        return column.from() == null ? null : existing.field(column.from()).orElse(null);
    }

    /** The primary key afterwards. */
    public List<String> newPrimaryKey() {
        if (primaryKey != null) {
            return primaryKey;
        }
        List<String> gone = dropped();
        if (existing.primaryKey().stream().anyMatch(gone::contains)) {
            return List.of();
        }
        return existing.primaryKey().stream().map(this::renamed).toList();
    }

    /** The other indexes afterwards: renamed, without those covering a dropped column. */
    public List<List<String>> newIndexes() {
        List<String> gone = dropped();
        return existing.indexes().stream()
                .filter(ix -> ix.stream().noneMatch(gone::contains))
                .map(ix -> ix.stream().map(this::renamed).toList())
                .toList();
    }

    private String renamed(String id) {
        return renames().getOrDefault(id, id);
    }
}
