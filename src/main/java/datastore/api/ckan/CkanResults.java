package datastore.api.ckan;

import datastore.core.json.JsonMappers;
import datastore.schemas.ckan.CreateRequest;
import datastore.schemas.ckan.UpsertRequest;
import datastore.schemas.write.FieldSpec;
import datastore.services.read.TableInfo;
import datastore.services.tables.TableRef;
import datastore.services.write.WriteService;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code result} objects of CKAN's write and info actions, shaped from what the services return. */
final class CkanResults {
    private CkanResults() {}

    /** What {@code datastore_create} answers: the parameters echoed, with the id and the fields' types. */
    static ObjectNode created(CreateRequest req, WriteService.Created created) {
        ObjectNode result = req.params().objectNode();
        result.put("resource_id", created.id());
        if (req.resource() != null) {
            ObjectNode resource = req.resource().deepCopy();
            resource.put("id", created.id());
            result.set("resource", resource);
        }
        if (req.fieldsGiven()) {
            ArrayNode fields = result.putArray("fields");
            for (FieldSpec f : req.design().fields()) {
                ObjectNode o = fields.addObject();
                o.put("id", f.id());
                o.put("type", created.fieldTypes().getOrDefault(f.id(), "text"));
                if (f.info() != null) {
                    o.set("info", f.info());
                }
            }
        }
        result.put("method", "insert");
        result.put("delete_fields", req.design().deleteFields());
        for (String key : List.of("primary_key", "indexes", "aliases", "calculate_record_count")) {
            if (req.params().has(key)) {
                result.set(key, req.params().get(key));
            }
        }
        return result;
    }

    /** What {@code datastore_upsert} answers: the records as sent, and the method when one was named. */
    static ObjectNode upserted(UpsertRequest req, TableRef table) {
        ObjectNode result = req.params().objectNode();
        result.put("resource_id", table.id());
        ArrayNode records = result.putArray("records");
        req.records().forEach(records::add);
        if (req.methodGiven()) {
            result.put("method", req.method().name().toLowerCase(Locale.ROOT));
        }
        if (req.dryRun()) {
            result.put("dry_run", true);
        }
        return result;
    }

    /** {@code datastore_info}: {@code meta} and {@code fields} with their {@code schema}. */
    static ObjectNode info(TableInfo info) {
        ObjectNode result = JsonMappers.standard().createObjectNode();
        ObjectNode meta = result.putObject("meta");
        meta.put("id", info.id());
        meta.put("count", info.rowCount());
        meta.put("table_type", info.tableType());
        meta.put("size", info.size());
        meta.put("db_size", info.dbSize());
        meta.put("idx_size", info.indexSize());
        ArrayNode aliases = meta.putArray("aliases");
        info.aliases().forEach(aliases::add);
        ArrayNode fields = result.putArray("fields");
        for (TableInfo.Field col : info.fields()) {
            ObjectNode f = fields.addObject();
            f.put("id", col.id());
            f.put("type", col.type().typname());
            if (col.info() != null) {
                f.set("info", col.info());
            }
            ObjectNode schema = f.putObject("schema");
            schema.put("native_type", col.nativeType());
            schema.put("notnull", col.notNull());
            if (col.indexName() != null) {
                schema.put("index_name", col.indexName());
            } else {
                schema.putNull("index_name");
            }
            schema.put("is_index", col.isIndex());
            schema.put("uniquekey", col.uniqueKey());
        }
        return result;
    }
}
