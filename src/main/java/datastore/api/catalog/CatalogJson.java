package datastore.api.catalog;

import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.App;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.catalog.SchemaOperation;
import tools.jackson.databind.node.ObjectNode;

/** The catalog records as this surface writes them (snake_case keys, ISO-8601 UTC times). */
final class CatalogJson {
    private CatalogJson() {}

    static ObjectNode object() {
        return JsonMappers.standard().createObjectNode();
    }

    static ObjectNode app(App a) {
        return object().put("id", a.id())
                .put("name", a.name())
                .put("slug", a.slug())
                .put("description", a.description())
                .put("datasource_count", a.datasourceCount())
                .put("table_count", a.tableCount())
                .put("created_at", a.createdAt().toString())
                .put("updated_at", a.updatedAt().toString());
    }

    static ObjectNode dataSource(DataSource d) {
        ObjectNode o = object().put("id", d.id())
                .put("app", d.appSlug())
                .put("name", d.name())
                .put("slug", d.slug())
                .put("provider_type", d.providerType().label());
        o.set("provider_config", d.providerConfig());
        return o.put("description", d.description())
                .put("table_count", d.tableCount())
                .put("created_at", d.createdAt().toString())
                .put("updated_at", d.updatedAt().toString());
    }

    static ObjectNode table(DataTable t, String datasourceSlug, long rowCount) {
        ObjectNode o = object().put("id", t.id())
                .put("datasource", datasourceSlug)
                .put("name", t.name())
                .put("slug", t.slug())
                .put("description", t.description());
        o.set("json_schema", t.jsonSchema());
        return o.put("schema_hash", t.schemaHash())
                .put("physical_name", t.physicalName())
                .put("resource_id", t.resourceId())
                .put("row_count", rowCount)
                .put("is_materialized", t.materialized())
                .put("active", t.active())
                .put("created_at", t.createdAt().toString())
                .put("updated_at", t.updatedAt().toString());
    }

    static ObjectNode operation(SchemaOperation op) {
        ObjectNode o = object().put("id", op.id())
                .put("target_type", op.targetType())
                .put("target_id", op.targetId())
                .put("operation", op.operation())
                .put("actor", op.actor())
                .put("at", op.at().toString())
                .put("status", op.status())
                .put("schema_hash_before", op.schemaHashBefore())
                .put("schema_hash_after", op.schemaHashAfter());
        o.set("diff", op.diff());
        return o.put("message", op.message());
    }
}
