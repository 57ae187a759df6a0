package datastore.services.tables;

import datastore.infrastructure.engines.TableDef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /** The table's columns and key, as the surfaces see them. */
    public TableShape shape() {
        return TableShape.of(def);
    }

    /** Whether the caller reached the table through an alias. */
    public boolean viaAlias() {
        return !requestedName.equals(def.id());
    }

    /** The user columns in order (not {@code _id}). */
    public List<TableShape.Column> columns() {
        return shape().columns();
    }

    /** The user column {@code name}, if the table has one. */
    public Optional<TableShape.Column> column(String name) {
        return columns().stream().filter(c -> c.id().equals(name)).findFirst();
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
