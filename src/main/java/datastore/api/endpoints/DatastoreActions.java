package datastore.api.endpoints;

import datastore.api.ActionSupport;
import datastore.api.auth.AuthGate;
import datastore.core.errors.ApiException;
import datastore.schemas.action.CreateRequest;
import datastore.schemas.action.DeleteRequest;
import datastore.schemas.action.InfoRequest;
import datastore.schemas.action.SearchRequest;
import datastore.schemas.action.SqlRequest;
import datastore.schemas.action.UpsertRequest;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.Principal;
import datastore.services.read.ReadService;
import datastore.services.read.SearchResult;
import datastore.services.read.SqlResult;
import datastore.services.read.SqlService;
import datastore.services.write.WriteService;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/3/action/datastore_*} and {@code /api/action/datastore_*}: one method per action. */
public final class DatastoreActions {
    /** One action: whether GET may call it, and what it does with the parameters. */
    private record Action(boolean sideEffectFree, Handler handler) {}

    @FunctionalInterface
    private interface Handler {
        void handle(Context ctx, ObjectNode params, String help);
    }

    private final ActionSupport support;
    private final AuthGate gate;
    private final ReadService read;
    private final WriteService write;
    private final Optional<SqlService> sql;
    private final SearchRequest.Limits limits;
    private final Map<String, Action> actions;

    public DatastoreActions(
            ActionSupport support,
            AuthGate gate,
            ReadService read,
            WriteService write,
            Optional<SqlService> sql,
            SearchRequest.Limits limits,
            Optional<TokenEndpoints> tokens) {
        this.support = support;
        this.gate = gate;
        this.read = read;
        this.write = write;
        this.sql = sql;
        this.limits = limits;
        Map<String, Action> all = new HashMap<>(Map.of(
                "datastore_search", new Action(true, this::search),
                "datastore_search_sql", new Action(true, this::searchSql),
                "datastore_info", new Action(true, this::info),
                "datastore_create", new Action(false, this::create),
                "datastore_upsert", new Action(false, this::upsert),
                "datastore_delete", new Action(false, this::delete),
                "datastore_records_delete", new Action(false, this::recordsDelete)));
        tokens.ifPresent(t -> {
            all.put("datastore_token_create", new Action(false, t::create));
            all.put("datastore_token_list", new Action(false, t::list));
            all.put("datastore_token_revoke", new Action(false, t::revoke));
        });
        this.actions = Map.copyOf(all);
    }

    /** Dispatches {@code {action}}: CKAN's 400 bare strings for unknown actions and GET on writes. */
    public void handle(Context ctx) {
        String name = ctx.pathParam("action");
        support.action(ctx, name);
        Action action = actions.get(name);
        if (action == null || (name.equals("datastore_search_sql") && sql.isEmpty())) {
            throw ApiException.badRequest("Bad request - Action name not known: " + name);
        }
        if (ctx.method().name().equals("GET") && !action.sideEffectFree()) {
            throw ApiException.badRequest(
                    "Bad request - JSON Error: Invalid request. Please use POST method for your request");
        }
        ObjectNode params = support.params(ctx);
        action.handler().handle(ctx, params, support.help(ctx, name));
    }

    private void search(Context ctx, ObjectNode params, String help) {
        SearchRequest req = SearchRequest.parse(params, limits);
        if (read.isTableMetadata(req.resourceId())) {
            gate.require(ctx, AccessRequest.catalog("datastore_search"));
        } else {
            String id = read.tableId(req.resourceId());
            gate.require(ctx, AccessRequest.read("datastore_search", id, req.resourceId()));
        }
        try (SearchResult result = read.search(req)) {
            support.stream(
                    ctx, g -> SearchWriter.search(g, support.mapper(), help, result, ctx.path(), ctx.queryString()));
        }
    }

    private void searchSql(Context ctx, ObjectNode params, String help) {
        SqlRequest req = SqlRequest.parse(params);
        SqlService service = sql.orElseThrow();
        // Even SQL reading no table is a call of the action: the caller's right comes before any parsing.
        gate.require(ctx, AccessRequest.sqlCall());
        SqlService.Checked checked = service.checkNamed(req.sql());
        checked.namesByTable().forEach((table, names) -> gate.require(ctx, AccessRequest.sql(table, names)));
        try (SqlResult result = service.run(req.sql(), checked.guarded())) {
            support.stream(ctx, g -> SearchWriter.sql(g, help, result));
        }
    }

    private void info(Context ctx, ObjectNode params, String help) {
        InfoRequest req = InfoRequest.parse(params);
        String id = read.infoTableId(req.resourceId());
        gate.require(ctx, AccessRequest.read("datastore_info", id, req.resourceId()));
        support.ok(ctx, help, read.info(req));
    }

    private void create(Context ctx, ObjectNode params, String help) {
        CreateRequest req = CreateRequest.parse(params);
        Principal caller = gate.require(ctx, AccessRequest.create(req));
        support.ok(ctx, help, write.create(req, caller));
    }

    private void upsert(Context ctx, ObjectNode params, String help) {
        UpsertRequest req = UpsertRequest.parse(params);
        String id = write.writableId(req.resourceId());
        gate.require(ctx, AccessRequest.upsert(req, id));
        support.ok(ctx, help, write.upsert(req));
    }

    private void delete(Context ctx, ObjectNode params, String help) {
        deleteAction(ctx, DeleteRequest.parse(params, false), "datastore_delete", help);
    }

    private void recordsDelete(Context ctx, ObjectNode params, String help) {
        deleteAction(ctx, DeleteRequest.parse(params, true), "datastore_records_delete", help);
    }

    private void deleteAction(Context ctx, DeleteRequest req, String action, String help) {
        String id = write.writableId(req.resourceId());
        Principal caller = gate.require(ctx, AccessRequest.delete(action, req, id));
        support.ok(ctx, help, write.delete(req, caller));
    }
}
