package datastore.services.tables;

import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.FieldType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A table a request named, resolved once at the start of the request: the name the caller used (the
 * table's id or one of its aliases) and the table's definition, passed down to every service and engine
 * call of that request instead of looking the name up again.
 */
public record TableRef(String requestedName, TableDef def) {
    public TableRef {
        Objects.requireNonNull(requestedName, "requestedName is null");
        Objects.requireNonNull(def, "def is null");
    }

    /** The table's own id (an alias resolves to the table it points at). */
    public String id() {
        return def.id();
    }

    /** The table's primary key columns (empty without one). */
    public List<String> primaryKey() {
        return def.primaryKey();
    }

    /** The table's user column ids, in order. */
    public List<String> columnIds() {
        return def.fieldIds();
    }

    /** Whether the caller reached the table through an alias. */
    public boolean viaAlias() {
        return !requestedName.equals(def.id());
    }

    /** One user column, as a surface describes it: its id, type and data-dictionary {@code info}. */
    public record Column(
            String id, FieldType type, @Nullable JsonNode info) {
        public Column {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(type, "type is null");
        }
    }

    /** The user columns in order (not {@code _id}). */
    public List<Column> columns() {
        return def.fields().stream()
                .map(c -> new Column(c.id(), c.type(), c.info()))
                .toList();
    }

    /** The user column {@code name}, if the table has one. */
    public Optional<Column> column(String name) {
        return def.field(name).map(c -> new Column(c.id(), c.type(), c.info()));
    }

    /** The maintained row count. */
    public long rowCount() {
        return def.rowCount();
    }

    /** The same reference after a write changed the table (its row count, say). */
    public TableRef with(TableDef changed) {
        return new TableRef(requestedName, changed);
    }
}
