package datastore.api.datasette;

import datastore.api.RequestSchema;
import datastore.api.Route;
import datastore.core.json.JsonMappers;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request schemas of Datasette's endpoints, for the OpenAPI document, keyed by the shape of their
 * path ({@code /{}/{}/-/insert}: parameter names do not matter), so that every route of this surface
 * that carries none of its own is described, whichever class registered it. A route whose shape is not
 * listed here stays generic.
 */
final class DatasetteSchemas {
    private static final String ROW = "{\"type\": \"object\", \"description\": \"Column to value.\"}";
    private static final String ROWS = "{\"type\": \"array\", \"items\": " + ROW + "}";

    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("/{}/{}/-/insert", """
                    {"type": "object", "properties": {
                      "row": %s, "rows": %s,
                      "return": {"type": "boolean"}, "ignore": {"type": "boolean"},
                      "replace": {"type": "boolean"}, "alter": {"type": "boolean"}}}
                    """.formatted(ROW, ROWS)),
            Map.entry("/{}/{}/-/upsert", """
                    {"type": "object", "properties": {
                      "row": %s, "rows": %s,
                      "return": {"type": "boolean"}, "alter": {"type": "boolean"}}}
                    """.formatted(ROW, ROWS)),
            Map.entry("/{}/{}/{}/-/update", """
                    {"type": "object", "required": ["update"], "properties": {
                      "update": %s, "return": {"type": "boolean"}, "alter": {"type": "boolean"}}}
                    """.formatted(ROW)),
            Map.entry("/{}/{}/{}/-/delete", "{\"type\": \"object\"}"),
            Map.entry("/{}/-/create", """
                    {"type": "object", "required": ["table"], "properties": {
                      "table": {"type": "string"},
                      "columns": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {
                        "name": {"type": "string"},
                        "type": {"enum": ["text", "integer", "float", "blob"]},
                        "not_null": {"type": "boolean"},
                        "default": {},
                        "default_expr": {"enum": ["current_timestamp", "current_date", "current_time",
                                                  "current_unixtime", "current_unixtime_ms"]},
                        "fk_table": {"type": "string"}, "fk_column": {"type": "string"}}}},
                      "row": %s, "rows": %s,
                      "pk": {"type": "string"}, "pks": {"type": "array", "items": {"type": "string"}},
                      "ignore": {"type": "boolean"}, "replace": {"type": "boolean"}, "alter": {"type": "boolean"}}}
                    """.formatted(ROW, ROWS)),
            Map.entry("/{}/{}/-/alter", """
                    {"type": "object", "required": ["operations"], "properties": {
                      "operations": {"type": "array", "items": {"type": "object", "required": ["op"], "properties": {
                        "op": {"enum": ["add_column", "rename_column", "rename_table", "alter_column", "drop_column",
                                        "set_primary_key", "add_foreign_key", "drop_foreign_key",
                                        "set_foreign_keys", "reorder_columns"]},
                        "args": {"type": "object"}}}}}}
                    """),
            Map.entry("/{}/{}/-/drop", """
                    {"type": "object", "properties": {"confirm": {"type": "boolean"}}}
                    """),
            Map.entry("/{}/{}/-/set-column-type", """
                    {"type": "object", "required": ["column"], "properties": {
                      "column": {"type": "string"},
                      "column_type": {"type": ["object", "null"], "properties": {
                        "type": {"type": "string"}, "config": {"type": "object"}}}}}
                    """),
            Map.entry("/{}/-/execute-write", """
                    {"type": "object", "required": ["sql"], "properties": {
                      "sql": {"type": "string"}, "params": {"type": "object"}}}
                    """),
            Map.entry("/-/create-token", """
                    {"type": "object", "properties": {
                      "expire_type": {"enum": ["minutes", "hours", "days"]},
                      "expire_duration": {"type": "integer", "minimum": 1}}}
                    """));

    private static final List<RequestSchema.Param> TABLE_QUERY = List.of(
            RequestSchema.Param.of(
                    "_shape",
                    "objects (default), arrays, array, arrayfirst or object.",
                    List.of("objects", "arrays", "array", "arrayfirst", "object")),
            RequestSchema.Param.of("_size", "Rows per page (a number, or max)."),
            RequestSchema.Param.of("_next", "The next-page token from the previous page."),
            RequestSchema.Param.of("_sort", "Sort by this column."),
            RequestSchema.Param.of("_sort_desc", "Sort by this column, descending."),
            RequestSchema.Param.of("_col", "Only this column (repeatable)."),
            RequestSchema.Param.of("_nocol", "Not this column (repeatable)."),
            RequestSchema.Param.of("_search", "Full-text search."),
            RequestSchema.Param.of("_extra", "Extra keys, comma-separated: count, columns, …"),
            RequestSchema.Param.of("_nl", "With _shape=array: newline-delimited JSON."));

    private static final Map<String, List<RequestSchema.Param>> QUERIES = Map.of(
            "/{}/{}.json",
            TABLE_QUERY,
            "/{}/{}/{}.json",
            List.of(RequestSchema.Param.of("_extra", "Extra keys, comma-separated.")));

    private DatasetteSchemas() {}

    /** {@code route} with its Datasette request schema when it has none and its path shape is known. */
    static Route describe(Route route) {
        if (route.schema() != null) {
            return route;
        }
        String shape = route.path().replaceAll("[{<][^}>/]*[}>]", "{}");
        if (route.method().equals(HandlerType.POST)) {
            String body = BODIES.get(shape);
            if (body != null) {
                return route.withSchema(
                        RequestSchema.body((ObjectNode) JsonMappers.standard().readTree(body)));
            }
        } else if (route.method().equals(HandlerType.GET)) {
            List<RequestSchema.Param> query = QUERIES.get(shape);
            if (query != null) {
                return route.withSchema(RequestSchema.query(query));
            }
        }
        return route;
    }
}
