package datastore.api.datasette;

import datastore.api.auth.AuthGate;
import datastore.api.middleware.BodyLimit;
import datastore.services.auth.TokenService;
import datastore.services.read.ReadService;
import datastore.services.read.SqlService;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the Datasette surface's endpoints share: the same services every surface uses, and this
 * instance's Datasette settings.
 *
 * @param sql absent when {@code SQL_SEARCH_ENABLED=false}: no query route, no {@code _where}
 * @param tokens absent outside own-token mode: no token minting
 */
public record DatasetteServices(
        DatasetteSettings settings,
        BodyLimit limit,
        AuthGate gate,
        Tables tables,
        ReadService read,
        WriteService write,
        @Nullable SqlService sql,
        @Nullable TokenService tokens) {
    public DatasetteServices {
        Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(limit, "limit is null");
        Objects.requireNonNull(gate, "gate is null");
        Objects.requireNonNull(tables, "tables is null");
        Objects.requireNonNull(read, "read is null");
        Objects.requireNonNull(write, "write is null");
    }
}
