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
import datastore.services.auth.Permission;
import datastore.services.read.ReadService;
import datastore.services.read.SearchResult;
import datastore.services.read.SqlResult;
import datastore.services.read.SqlService;
import datastore.services.sql.GuardedSql;
import datastore.services.write.WriteService;
import io.javalin.http.Context;
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
            SearchRequest.Limits limits) {
        this.support = support;
        this.gate = gate;
        this.read = read;
        this.write = write;
        this.sql = sql;
        this.limits = limits;
        this.actions = Map.of(
                "datastore_search", new Action(true, this::search),
                "datastore_search_sql", new Action(true, this::searchSql),
                "datastore_info", new Action(true, this::info),
                "datastore_create", new Action(false, this::create),
                "datastore_upsert", new Action(false, this::upsert),
                "datastore_delete", new Action(false, this::delete),
                "datastore_records_delete", new Action(false, this::recordsDelete));
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
        if (!read.isTableMetadata(req.resourceId())) {
            read.table(req.resourceId());
            gate.require(ctx, Permission.READ, "datastore_search", req.resourceId());
        }
        try (SearchResult result = read.search(req)) {
            support.stream(
                    ctx, g -> SearchWriter.search(g, support.mapper(), help, result, ctx.path(), ctx.queryString()));
        }
    }

    private void searchSql(Context ctx, ObjectNode params, String help) {
        SqlRequest req = SqlRequest.parse(params);
        SqlService service = sql.orElseThrow();
        GuardedSql guarded = service.check(req.sql());
        for (String table : guarded.tables()) {
            gate.require(ctx, Permission.READ, "datastore_search_sql", table);
        }
        try (SqlResult result = service.run(req.sql(), guarded)) {
            support.stream(ctx, g -> SearchWriter.sql(g, help, result));
        }
    }

    private void info(Context ctx, ObjectNode params, String help) {
        InfoRequest req = InfoRequest.parse(params);
        gate.require(ctx, Permission.READ, "datastore_info", req.resourceId());
        support.ok(ctx, help, read.info(req));
    }

    private void create(Context ctx, ObjectNode params, String help) {
        CreateRequest req = CreateRequest.parse(params);
        String id = write.targetId(req);
        gate.require(ctx, Permission.WRITE, "datastore_create", id);
        support.ok(ctx, help, write.create(req, id));
    }

    private void upsert(Context ctx, ObjectNode params, String help) {
        UpsertRequest req = UpsertRequest.parse(params);
        read.table(req.resourceId());
        gate.require(ctx, Permission.WRITE, "datastore_upsert", req.resourceId());
        support.ok(ctx, help, write.upsert(req));
    }

    private void delete(Context ctx, ObjectNode params, String help) {
        DeleteRequest req = DeleteRequest.parse(params, false);
        read.table(req.resourceId());
        gate.require(ctx, Permission.WRITE, "datastore_delete", req.resourceId());
        support.ok(ctx, help, write.delete(req));
    }

    private void recordsDelete(Context ctx, ObjectNode params, String help) {
        DeleteRequest req = DeleteRequest.parse(params, true);
        read.table(req.resourceId());
        gate.require(ctx, Permission.WRITE, "datastore_records_delete", req.resourceId());
        support.ok(ctx, help, write.delete(req));
    }
}
