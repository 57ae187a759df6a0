package datastore.infrastructure.engines;

import java.util.Map;

/**
 * Storage figures for {@code datastore_info}: sizes in bytes and, per column, the index facts CKAN
 * reports in {@code schema}.
 */
public record TableStats(String tableType, long size, long dbSize, long indexSize, Map<String, ColumnSchema> columns) {
    public TableStats {
        columns = Map.copyOf(columns);
    }

    /** CKAN's {@code fields[].schema}. */
    public record ColumnSchema(
            String nativeType, boolean notNull, String indexName, boolean isIndex, boolean uniqueKey) {}
}
