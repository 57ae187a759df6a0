package datastore.api.ckan;

import datastore.api.ErrorWriter;
import datastore.api.RequestSchema;
import datastore.api.Route;
import datastore.api.auth.AuthGate;
import datastore.api.middleware.BodyLimit;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.ckan.SearchRequest;
import datastore.services.auth.TokenService;
import datastore.services.catalog.PackageCatalog;
import datastore.services.read.ReadService;
import datastore.services.read.SqlService;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CKAN DataStore surface: {@code /api/3/action/*} (and CKAN's unversioned {@code /api/action/*})
 * and {@code /datastore/dump/*}, as routes. An action that is switched off (SQL, tokens) has no route,
 * so it answers as CKAN answers an unknown action.
 */
public final class CkanSurface {
    public static final String NAME = "ckan";
    private static final List<String> PREFIXES = List.of("/api/3/action/", "/api/action/");
    /** CKAN's envelopes; also how the server answers what no route matched, as CKAN would. */
    public static final ErrorWriter ERRORS = new CkanErrorWriter();

    /** One action: its name, whether GET may call it, what it does and says about itself. */
    private record Action(String name, boolean sideEffectFree, boolean credential, String summary, Handler handler) {}

    private final List<Action> actions = new ArrayList<>();
    private final long maxBodyBytes;
    private final DumpEndpoint dump;
    private final ActionParams params;
    private final AuthGate gate;

    public CkanSurface(
            BodyLimit limit,
            AuthGate gate,
            Tables tables,
            ReadService read,
            WriteService write,
            @Nullable SqlService sql,
            SearchRequest.Limits limits,
            @Nullable TokenService tokens) {
        ActionParams params = new ActionParams(limit);
        this.params = params;
        this.gate = gate;
        this.maxBodyBytes = limit.maxBytes();
        DatastoreActions ds = new DatastoreActions(params, gate, tables, read, write, limits);
        this.dump = new DumpEndpoint(gate, tables, read, limits.defaultLanguage());
        add("datastore_search", true, "Search a table: filters, full text, sort, fields, paging.", ds::search);
        add("datastore_info", true, "Describe a table: its columns, data dictionary, size and aliases.", ds::info);
        if (sql != null) {
            add(
                    "datastore_search_sql",
                    true,
                    "Run one read-only SQL SELECT over the datastore's tables.",
                    ctx -> ds.searchSql(ctx, sql));
        }
        add("datastore_create", false, "Create a table, or change its columns, keys, indexes and aliases.", ds::create);
        add("datastore_upsert", false, "Insert, update or upsert records, all or nothing.", ds::upsert);
        add("datastore_delete", false, "Delete the rows matching filters, or drop the table.", ds::delete);
        add("datastore_records_delete", false, "Delete the rows matching filters.", ds::recordsDelete);
        if (tokens != null) {
            TokenEndpoints t = new TokenEndpoints(params, gate, tokens);
            add("datastore_token_create", false, "Issue a scoped API token.", t::create);
            add("datastore_token_list", false, "List the API tokens.", t::list);
            add("datastore_token_revoke", false, "Revoke an API token.", t::revoke);
        }
        actions.add(
                new Action("help_show", true, false, "Describe an action of this API.", ctx -> helpShow(ctx, params)));
    }

    /**
     * Serves CKAN's catalog actions over {@code catalog}: only when no CKAN keeps the catalog
     * ({@code CKAN_URL} unset).
     */
    public void serveCatalog(PackageCatalog catalog, String siteTitle, List<String> extensions) {
        CkanCatalogActions c = new CkanCatalogActions(params, gate, catalog, siteTitle, extensions);
        addPublic("license_list", "The licences a dataset may carry (CKAN's default register).", c::licenseList);
        addPublic("status_show", "What this site runs: CKAN version, site URL, extensions.", c::statusShow);
        add("organization_create", false, "Create an organization (an app of the catalog).", c::organizationCreate);
        add("organization_show", true, "An organization, by name or id.", c::organizationShow);
        add("organization_list", true, "The organizations' names (or dicts with all_fields).", c::organizationList);
        add("package_create", false, "Create a dataset (a data source), with resources.", c::packageCreate);
        add("package_show", true, "A dataset with its resources, by name or id.", c::packageShow);
        add("package_list", true, "The names of the active datasets.", c::packageList);
        add("package_update", false, "Replace a dataset's fields (its name cannot change).", c::packageUpdate);
        add("package_patch", false, "Change some of a dataset's fields.", c::packagePatch);
        add("package_delete", false, "Delete a dataset (soft: its name stays taken).", c::packageDelete);
        add(
                "package_search",
                true,
                "Search datasets: q on name/title/notes/tags, fq terms, rows, start.",
                c::packageSearch);
        add("tag_list", true, "The tags of the active datasets.", c::tagList);
        add("resource_create", false, "Create a resource (a data table) in a dataset.", c::resourceCreate);
        add("resource_show", true, "A resource, by id.", c::resourceShow);
        add("resource_update", false, "Replace a resource's fields.", c::resourceUpdate);
        add("resource_delete", false, "Delete a resource (soft: its datastore table stays).", c::resourceDelete);
    }

    /** A read that anyone may call and that asks the access service nothing. */
    private void addPublic(String name, String summary, Handler handler) {
        actions.add(new Action(name, true, false, summary, handler));
    }

    private void add(String name, boolean sideEffectFree, String summary, Handler handler) {
        actions.add(new Action(name, sideEffectFree, true, summary, handler));
    }

    /** Every route of the surface, the catch-all for unknown actions last so that it matches last. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String prefix : PREFIXES) {
            for (Action a : actions) {
                Route.Access access = a.credential() ? Route.Access.CREDENTIAL : Route.Access.PUBLIC;
                if (a.sideEffectFree()) {
                    routes.add(described(
                            route(
                                    HandlerType.GET,
                                    prefix + a.name(),
                                    a.name(),
                                    a.summary(),
                                    access,
                                    Route.Body.NONE,
                                    a.handler()),
                            CkanSchemas.forAction(a.name(), true)));
                }
                routes.add(described(
                        route(
                                HandlerType.POST,
                                prefix + a.name(),
                                a.name(),
                                a.summary(),
                                access,
                                Route.Body.json(maxBodyBytes),
                                a.handler()),
                        CkanSchemas.forAction(a.name(), false)));
            }
        }
        routes.add(new Route(
                        NAME,
                        HandlerType.GET,
                        "/datastore/dump/<id>",
                        "datastore_dump",
                        "Download every matching row of a table as CSV, TSV, JSON or XML.",
                        Route.Access.CREDENTIAL,
                        Route.Body.NONE,
                        dump::handle,
                        DumpEndpoint.TEXT_ERRORS)
                .withSchema(CkanSchemas.dump()));
        for (String prefix : PREFIXES) {
            String summary = "Any other action: CKAN's 400 for an unknown action or a GET of a write action.";
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST)) {
                routes.add(route(
                        method,
                        prefix + "{action}",
                        "unknown_action",
                        summary,
                        Route.Access.PUBLIC,
                        Route.Body.NONE,
                        this::unknown));
            }
        }
        return routes;
    }

    private static Route described(Route route, @Nullable RequestSchema schema) {
        return schema == null ? route : route.withSchema(schema);
    }

    private static Route route(
            HandlerType method,
            String path,
            String operation,
            String summary,
            Route.Access access,
            Route.Body body,
            Handler handler) {
        return new Route(NAME, method, path, operation, summary, access, body, handler, ERRORS);
    }

    /** CKAN's bare-string 400s: an action it does not know, or a write action called with GET. */
    private void unknown(Context ctx) {
        String name = ctx.pathParam("action");
        boolean known = actions.stream().anyMatch(a -> a.name().equals(name));
        if (known && ctx.method().equals(HandlerType.GET)) {
            throw ApiException.badRequest(
                    "Bad request - JSON Error: Invalid request. Please use POST method for your request");
        }
        throw ApiException.badRequest("Bad request - Action name not known: " + name);
    }

    /** CKAN's {@code help_show}: what an action does, so that every envelope's {@code help} link answers. */
    private void helpShow(Context ctx, ActionParams params) {
        ObjectNode p = params.read(ctx);
        String name = p.path("name").asString("");
        if (name.isEmpty()) {
            throw ApiException.validation("name", "Missing value");
        }
        Map<String, String> known = new LinkedHashMap<>();
        actions.forEach(a -> known.put(a.name(), a.summary()));
        known.put("datastore_dump", "Download every matching row of a table (GET /datastore/dump/<id>).");
        known.putIfAbsent("status_show", "Whether the service is up, and what it runs on.");
        String summary = known.get(name);
        if (summary == null) {
            throw ApiException.notFound("Action function not found");
        }
        CkanResponses.ok(
                ctx,
                CkanResponses.help(ctx, "help_show"),
                JsonMappers.standard().getNodeFactory().stringNode(summary));
    }
}
