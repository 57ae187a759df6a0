package datastore.api.datasette;

import java.util.Objects;

/**
 * This instance's Datasette settings, as {@code /-/settings.json} reports them.
 *
 * @param database the name of the one database that holds every datastore table
 * @param defaultPageSize rows per page when {@code _size} is not given
 * @param maxReturnedRows the largest {@code _size}
 * @param maxInsertRows the most rows one insert or upsert may carry
 * @param maxPostBodyBytes the largest request body ({@code MAX_REQUEST_BODY_MB})
 * @param allowSignedTokens whether signed (stateless) tokens are accepted
 */
public record DatasetteSettings(
        String database,
        int defaultPageSize,
        int maxReturnedRows,
        int maxInsertRows,
        long maxPostBodyBytes,
        boolean allowSignedTokens) {
    public DatasetteSettings {
        Objects.requireNonNull(database, "database is null");
    }
}
