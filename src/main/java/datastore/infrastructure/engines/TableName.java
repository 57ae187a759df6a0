package datastore.infrastructure.engines;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A table or alias as {@code _table_metadata} lists it.
 *
 * @param aliasOf the table an alias points at; null for a table
 */
public record TableName(String name, @Nullable String aliasOf) {
    public TableName {
        Objects.requireNonNull(name, "name is null");
    }
}
