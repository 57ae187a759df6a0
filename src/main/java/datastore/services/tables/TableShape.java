package datastore.services.tables;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.FieldType;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A table's shape as the surfaces may see it without reaching the engines: its id, user columns in
 * order (type and data dictionary) and primary key.
 */
public record TableShape(String id, List<Column> columns, List<String> primaryKey) {

    /**
     * One user column.
     *
     * @param info the data dictionary entry; null when none was given
     */
    public record Column(
            String id, FieldType type, @Nullable JsonNode info) {
        public Column {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(type, "type is null");
        }
    }

    public TableShape {
        Objects.requireNonNull(id, "id is null");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The shape of an engine's table definition. */
    public static TableShape of(TableDef def) {
        return new TableShape(
                def.id(), def.fields().stream().map(TableShape::column).toList(), def.primaryKey());
    }

    private static Column column(ColumnDef c) {
        return new Column(c.id(), c.type(), c.info());
    }
}
