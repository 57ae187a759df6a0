package datastore.api.datasette;

import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.core.text.Tilde;
import datastore.schemas.write.TableAlteration;
import datastore.services.auth.AccessRequest;
import datastore.services.tables.TableRef;
import datastore.services.tables.TableShape;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /{db}/{table}/-/alter} (Datasette 1.0a35+): a list of operations on one table's columns,
 * primary key and name, checked together and applied in one engine transaction by the write service.
 */
final class DatasetteAlter {
    static final String PATH = "/{db}/{table}/-/alter";

    private final DatasetteServices services;

    DatasetteAlter(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                DatasetteSurface.writeRoute(
                        PATH,
                        "datasette_alter",
                        "Alter a table: add, rename, drop, retype or reorder columns, set its primary key, rename it.",
                        services.settings().maxPostBodyBytes(),
                        this::alter),
                DatasetteSurface.route(
                        HandlerType.GET, PATH, "datasette_alter_get", "Alter is POST only: 405.", ctx -> {
                            throw ApiException.of(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
                        }));
    }

    private void alter(Context ctx) {
        String db = DatasetteRequests.database(ctx, services.settings());
        TableRef table = DatasetteRequests.writableTable(ctx, services.tables());
        try {
            services.gate().require(ctx, AccessRequest.create(table.id(), "", false));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_AUTHORIZED) {
                throw DatasetteRequests.forbidden("Permission denied: need alter-table");
            }
            throw e;
        }
        JsonNode body = DatasetteRequests.body(ctx, services.limit());
        List<DatasetteAlterRequest.Operation> operations = DatasetteAlterRequest.parse(body);
        TableShape before = table.shape();
        TableAlteration alteration = DatasetteAlterPlan.fold(
                before, operations, name -> services.tables().find(name).isPresent());
        TableShape after;
        try {
            after = services.write().alter(table, alteration);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.VALIDATION || e.code() == ErrorCode.INTEGRITY) {
                // Datasette answers a failed alter with the database's message, as a 400.
                throw DatasetteRequests.badRequest(messages(e));
            }
            throw e;
        }
        String beforeSchema = DatasetteAlterPlan.schema(before);
        String afterSchema = DatasetteAlterPlan.schema(after);
        String url = ctx.scheme() + "://" + ctx.host() + "/" + Tilde.encode(db) + "/" + Tilde.encode(after.id());
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("ok", true);
        o.put("database", db);
        o.put("table", after.id());
        o.put("table_url", url);
        o.put("table_api_url", url + ".json");
        o.put("altered", !beforeSchema.equals(afterSchema));
        o.put("schema", afterSchema);
        o.put("before_schema", beforeSchema);
        o.put("operations_applied", operations.size());
        DatasetteSurface.json(ctx, o);
    }

    /** The service's or engine's messages without CKAN's field names, then the database's own reasons. */
    private static List<String> messages(ApiException e) {
        List<String> out = new ArrayList<>();
        e.fieldErrors().values().forEach(out::addAll);
        if (e.extras().get("info") instanceof Map<?, ?> info && info.get("orig") instanceof List<?> orig) {
            orig.forEach(m -> out.add(String.valueOf(m)));
        }
        if (out.isEmpty()) {
            out.add(String.valueOf(e.getMessage()));
        }
        return out;
    }
}
