package datastore.infrastructure.engines;

import datastore.schemas.write.WriteMethod;
import java.util.List;
import java.util.Objects;

/**
 * One atomic {@code datastore_upsert} into a resolved table: groups of rows written in order with one method. For
 * upsert/update, {@code keys} of each group names the columns that identify a row ({@code _id} or the
 * primary key); a group never holds the same key twice. A dry run is rolled back after every check has run.
 */
public record WriteRows(TableDef table, WriteMethod method, List<Group> groups, boolean dryRun) {
    public WriteRows {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(method, "method is null");
        groups = List.copyOf(groups);
    }

    /** Rows sharing the same columns and key columns. */
    public record Group(RowBatch rows, List<String> keys) {
        public Group {
            Objects.requireNonNull(rows, "rows is null");
            keys = List.copyOf(keys);
        }
    }
}
