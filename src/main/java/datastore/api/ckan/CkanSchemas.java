package datastore.api.ckan;

import datastore.api.RequestSchema;
import datastore.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request schemas of the CKAN actions, for the OpenAPI document: each action's main parameters as
 * a JSON body (POST) or as query arguments (GET, where structured values are JSON text).
 */
final class CkanSchemas {
    private static final String SEARCH = """
            {"type": "object", "required": ["resource_id"], "properties": {
              "resource_id": {"type": "string", "description": "A table id or alias, or _table_metadata."},
              "filters": {"type": "object", "description": "Column to value (or list of values) to match."},
              "q": {"type": ["string", "object"], "description": "Full-text query, or column to query."},
              "distinct": {"type": "boolean"},
              "plain": {"type": "boolean"},
              "language": {"type": "string"},
              "fields": {"type": ["string", "array"], "items": {"type": "string"}},
              "sort": {"type": ["string", "array"], "items": {"type": "string"},
                       "description": "e.g. \\"title desc\\""},
              "limit": {"type": "integer", "minimum": 0},
              "offset": {"type": "integer", "minimum": 0},
              "records_format": {"enum": ["objects", "lists", "csv", "tsv"]},
              "include_total": {"type": "boolean"},
              "total_estimation_threshold": {"type": ["integer", "null"]},
              "full_text": {"type": "string"}}}
            """;

    private static final String FIELD = """
            {"type": "object", "required": ["id"], "properties": {
              "id": {"type": "string"},
              "type": {"type": "string", "description": "text, int, float, numeric, bool, timestamp, json, _text, …"},
              "info": {"type": "object", "description": "The data dictionary entry."}}}
            """;

    private static final String CREATE = """
            {"type": "object", "properties": {
              "resource_id": {"type": "string"},
              "resource": {"type": "object", "description": "A new resource (with package_id) instead of resource_id."},
              "force": {"type": "boolean"},
              "aliases": {"type": ["string", "array"], "items": {"type": "string"}},
              "fields": {"type": "array", "items": %s},
              "primary_key": {"type": ["string", "array"], "items": {"type": "string"}},
              "indexes": {"type": ["string", "array"], "items": {"type": "string"}},
              "records": {"type": "array", "items": {"type": "object"}},
              "triggers": {"type": "array"},
              "delete_fields": {"type": "boolean"},
              "calculate_record_count": {"type": "boolean"}}}
            """.formatted(FIELD);

    private static final String UPSERT = """
            {"type": "object", "required": ["resource_id"], "properties": {
              "resource_id": {"type": "string"},
              "force": {"type": "boolean"},
              "records": {"type": "array", "items": {"type": "object"}},
              "method": {"enum": ["upsert", "insert", "update"]},
              "dry_run": {"type": "boolean"},
              "calculate_record_count": {"type": "boolean"}}}
            """;

    private static final String DELETE = """
            {"type": "object", "required": ["resource_id"], "properties": {
              "resource_id": {"type": "string"},
              "force": {"type": "boolean"},
              "filters": {"type": "object", "description": "Delete only the matching rows; absent drops the table."},
              "calculate_record_count": {"type": "boolean"}}}
            """;

    private static final String RECORDS_DELETE = """
            {"type": "object", "required": ["resource_id", "filters"], "properties": {
              "resource_id": {"type": "string"},
              "force": {"type": "boolean"},
              "filters": {"type": "object"},
              "calculate_record_count": {"type": "boolean"}}}
            """;

    private static final Map<String, String> BODIES = Map.of(
            "datastore_search",
            SEARCH,
            "datastore_info",
            """
                    {"type": "object", "required": ["id"], "properties": {
                      "id": {"type": "string", "description": "A table id or alias."}}}
                    """,
            "datastore_search_sql",
            """
                    {"type": "object", "required": ["sql"], "properties": {
                      "sql": {"type": "string", "description": "One read-only SELECT."}}}
                    """,
            "datastore_create",
            CREATE,
            "datastore_upsert",
            UPSERT,
            "datastore_delete",
            DELETE,
            "datastore_records_delete",
            RECORDS_DELETE,
            "datastore_token_create",
            """
                    {"type": "object", "required": ["actor"], "properties": {
                      "actor": {"type": "string"},
                      "admin": {"type": "boolean"},
                      "expires_in": {"type": ["integer", "string"]},
                      "restrictions": {"type": "object"}}}
                    """,
            "datastore_token_revoke",
            """
                    {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
                    """,
            "help_show",
            """
                    {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
                    """);

    private CkanSchemas() {}

    /** The action's parameters as a JSON body schema; null for an action with none described here. */
    static @Nullable ObjectNode body(String action) {
        String json = BODIES.get(action);
        return json == null ? null : (ObjectNode) JsonMappers.standard().readTree(json);
    }

    /** What a call of {@code action} reads: its body on POST, the same names as query arguments on GET. */
    static @Nullable RequestSchema forAction(String action, boolean get) {
        ObjectNode body = body(action);
        if (body == null) {
            return null;
        }
        return get ? RequestSchema.query(queryParams(body)) : RequestSchema.body(body);
    }

    /** {@code /datastore/dump/{id}}'s query arguments. */
    static RequestSchema dump() {
        List<RequestSchema.Param> params = new ArrayList<>();
        params.add(RequestSchema.Param.of(
                "format", "csv (default), tsv, json or xml.", List.of("csv", "tsv", "json", "xml")));
        params.add(RequestSchema.Param.of("bom", "true to start the file with a byte order mark."));
        for (String name :
                List.of("q", "filters", "fields", "sort", "limit", "offset", "language", "plain", "distinct")) {
            params.add(RequestSchema.Param.of(name, "As in datastore_search."));
        }
        return RequestSchema.query(params);
    }

    private static List<RequestSchema.Param> queryParams(ObjectNode body) {
        List<String> required = new ArrayList<>();
        body.path("required").forEach(n -> required.add(n.asString()));
        List<RequestSchema.Param> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : body.path("properties").properties()) {
            JsonNode s = p.getValue();
            String description = s.path("description").asString("");
            boolean scalar = s.path("type").isString()
                    && !s.path("type").asString().equals("object")
                    && !s.path("type").asString().equals("array");
            if (!scalar && !s.has("enum")) {
                description = (description + " As JSON text, or a comma list where CKAN takes one.").strip();
            }
            List<String> values = new ArrayList<>();
            s.path("enum").forEach(v -> values.add(v.asString()));
            out.add(new RequestSchema.Param(p.getKey(), description, required.contains(p.getKey()), values));
        }
        return out;
    }
}
