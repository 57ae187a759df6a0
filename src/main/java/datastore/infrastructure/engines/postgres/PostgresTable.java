package datastore.infrastructure.engines.postgres;

import datastore.infrastructure.engines.TableDef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A datastore table as PostgreSQL's catalog describes it: the SPI's {@link TableDef} plus what only
 * this engine needs (native column types, CKAN's {@code nested} json columns, raw column comments,
 * index names).
 */
record PostgresTable(TableDef def, long oid, Map<String, Column> columns, List<Index> indexes) {
    PostgresTable {
        Objects.requireNonNull(def, "def is null");
        columns = Map.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    String id() {
        return def.id();
    }

    /** The same table with an updated definition (a new row count after a write). */
    PostgresTable withDef(TableDef newDef) {
        return new PostgresTable(newDef, oid, columns, indexes);
    }

    /** The user column of that name; null for one the table does not have (such as {@code _id}). */
    @Nullable
    Column column(String name) {
        return columns.get(name);
    }

    /** The unique index CKAN uses as the primary key, when there is one. */
    Optional<Index> primaryKeyIndex() {
        return indexes.stream()
                .filter(i -> i.unique() && !i.primary() && i.columns().equals(def.primaryKey()))
                .findFirst();
    }

    /**
     * One user column.
     *
     * @param nativeType {@code format_type()} of the column, usable in casts
     * @param nested CKAN's composite json wrapper {@code nested(json, extra)}
     * @param comment the parsed column comment (CKAN keeps the data dictionary under {@code _info}), or null
     * @param oldComment true when the comment is CKAN's pre-2.11 form (the info object itself)
     */
    record Column(
            String name,
            String nativeType,
            boolean nested,
            @Nullable ObjectNode comment,
            boolean oldComment) {}

    /**
     * One index; {@code columns} are user column names, empty when it covers anything else (an
     * expression, {@code _id}, {@code _full_text}).
     */
    record Index(String name, boolean unique, boolean primary, List<String> columns) {
        Index {
            columns = List.copyOf(columns);
        }
    }
}
