package datastore.api.ckan;

import datastore.api.auth.AuthGate;
import datastore.schemas.ckan.CreateRequest;
import datastore.schemas.ckan.DeleteRequest;
import datastore.schemas.ckan.InfoRequest;
import datastore.schemas.ckan.SearchRequest;
import datastore.schemas.ckan.SqlRequest;
import datastore.schemas.ckan.UpsertRequest;
import datastore.schemas.validation.Params;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.Principal;
import datastore.services.read.ReadService;
import datastore.services.read.SearchResult;
import datastore.services.read.SqlResult;
import datastore.services.read.SqlService;
import datastore.services.tables.TableRef;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import io.javalin.http.Context;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code datastore_*} actions: each reads CKAN's parameters into a neutral request, resolves the
 * table once, asks the access service, calls the service, and writes CKAN's envelope.
 */
final class DatastoreActions {
    private final ActionParams params;
    private final AuthGate gate;
    private final Tables tables;
    private final ReadService read;
    private final WriteService write;
    private final SearchRequest.Limits limits;

    DatastoreActions(
            ActionParams params,
            AuthGate gate,
            Tables tables,
            ReadService read,
            WriteService write,
            SearchRequest.Limits limits) {
        this.params = params;
        this.gate = gate;
        this.tables = tables;
        this.read = read;
        this.write = write;
        this.limits = Objects.requireNonNull(limits, "limits is null");
    }

    void search(Context ctx) {
        SearchRequest req = SearchRequest.parse(params.read(ctx), limits);
        String help = CkanResponses.help(ctx, "datastore_search");
        SearchResult result;
        if (req.resourceId().equals(Params.TABLE_METADATA)) {
            gate.require(ctx, AccessRequest.catalog("datastore_search"));
            result = read.tableList(req.search());
        } else {
            TableRef table = tables.resolve(req.resourceId());
            gate.require(ctx, AccessRequest.read("datastore_search", table.id(), table.requestedName()));
            result = read.search(table, req.search());
        }
        try (result) {
            CkanResponses.stream(ctx, g -> SearchWriter.search(g, help, req, result, ctx.path()));
        }
    }

    void searchSql(Context ctx, SqlService sql) {
        SqlRequest req = SqlRequest.parse(params.read(ctx));
        String help = CkanResponses.help(ctx, "datastore_search_sql");
        // Even SQL reading no table is a call of the action: the caller's right comes before any parsing.
        gate.require(ctx, AccessRequest.sqlCall());
        SqlService.Checked checked = sql.checkNamed(req.sql());
        checked.namesByTable().forEach((table, names) -> gate.require(ctx, AccessRequest.sql(table, names)));
        try (SqlResult result = sql.run(req.sql(), checked.guarded())) {
            CkanResponses.stream(ctx, g -> SearchWriter.sql(g, help, result));
        }
    }

    void info(Context ctx) {
        InfoRequest req = InfoRequest.parse(params.read(ctx));
        TableRef table = tables.resolveForInfo(req.resourceId());
        gate.require(ctx, AccessRequest.read("datastore_info", table.id(), table.requestedName()));
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "datastore_info"), CkanResults.info(read.info(table)));
    }

    void create(Context ctx) {
        CreateRequest req = CreateRequest.parse(params.read(ctx));
        String pkg =
                req.resource() == null ? "" : req.resource().path("package_id").asString("");
        Principal caller = gate.require(
                ctx,
                AccessRequest.create(
                        req.resourceId(), pkg, !req.design().records().isEmpty()));
        WriteService.Created created = write.create(req.resourceId(), req.resource(), req.design(), caller);
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "datastore_create"), CkanResults.created(req, created));
    }

    void upsert(Context ctx) {
        UpsertRequest req = UpsertRequest.parse(params.read(ctx));
        TableRef table = tables.resolveWritable(req.resourceId());
        gate.require(ctx, AccessRequest.upsert(req.method(), table.id(), table.requestedName()));
        write.upsert(table, req.method(), req.records(), req.dryRun());
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "datastore_upsert"), CkanResults.upserted(req, table));
    }

    void delete(Context ctx) {
        delete(ctx, DeleteRequest.parse(params.read(ctx), false), "datastore_delete");
    }

    void recordsDelete(Context ctx) {
        delete(ctx, DeleteRequest.parse(params.read(ctx), true), "datastore_records_delete");
    }

    private void delete(Context ctx, DeleteRequest req, String action) {
        TableRef table = tables.resolveWritable(req.resourceId());
        Principal caller = gate.require(
                ctx, AccessRequest.delete(action, req.filters() == null, table.id(), table.requestedName()));
        write.delete(table, req.filters(), caller);
        ObjectNode result = req.params().objectNode();
        result.put("resource_id", table.id());
        if (req.filters() != null) {
            ObjectNode filters = result.putObject("filters");
            req.filters().forEach(f -> filters.set(f.column(), f.value()));
        }
        CkanResponses.ok(ctx, CkanResponses.help(ctx, action), result);
    }
}
