package datastore.infrastructure.engines;

import java.util.Optional;

/** A table or alias as {@code _table_metadata} lists it. */
public record TableName(String name, Optional<String> aliasOf) {}
