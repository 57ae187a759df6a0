package datastore.infrastructure.engines;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Storage figures for {@code datastore_info}: sizes in bytes and, per column, the index facts CKAN
 * reports in {@code schema}.
 */
public record TableStats(String tableType, long size, long dbSize, long indexSize, Map<String, ColumnSchema> columns) {
    public TableStats {
        columns = Map.copyOf(columns);
    }

    /** CKAN's {@code fields[].schema}; {@code indexName} is null for a column no index covers. */
    public record ColumnSchema(
            String nativeType, boolean notNull, @Nullable String indexName, boolean isIndex, boolean uniqueKey) {}
}
