package datastore.api.datasette;

import datastore.api.ErrorWriter;
import datastore.api.Route;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Datasette 1.0 JSON API over the datastore's tables, mounted at the root ({@code /{db}/…},
 * {@code /-/…}). Registered after every other surface, so that their paths match first.
 */
public final class DatasetteSurface {
    public static final String NAME = "datasette";
    public static final ErrorWriter ERRORS = new DatasetteErrorWriter();

    private final DatasetteServices services;
    private final String version;

    public DatasetteSurface(DatasetteServices services, String version) {
        this.services = services;
        this.version = version;
    }

    /** Every route: instance routes first ({@code /-/…} would otherwise read as a database named "-"). */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(route(
                HandlerType.GET,
                "/-/versions.json",
                "datasette_versions",
                "Versions of this service.",
                this::versions));
        routes.add(route(
                HandlerType.GET,
                "/-/settings.json",
                "datasette_settings",
                "The Datasette settings clients read.",
                this::settings));
        routes.addAll(new DatasetteTokens(services).routes());
        routes.addAll(new DatasetteWrites(services).routes());
        routes.addAll(new DatasetteAlter(services).routes());
        routes.addAll(new DatasetteDatabaseReads(services).routes());
        routes.addAll(new DatasetteReads(services).routes());
        // Datasette's request bodies and query arguments, for the OpenAPI document, whoever added the route.
        routes.replaceAll(DatasetteSchemas::describe);
        return routes;
    }

    private void versions(Context ctx) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.putObject("datastore").put("version", version);
        // Clients check the Datasette version for the API shape they may use: this is the 1.0a36+ shape.
        o.putObject("datasette").put("version", "1.0a37");
        json(ctx, o);
    }

    private void settings(Context ctx) {
        DatasetteSettings s = services.settings();
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("default_page_size", s.defaultPageSize());
        o.put("max_returned_rows", s.maxReturnedRows());
        o.put("max_insert_rows", s.maxInsertRows());
        o.put("max_post_body_bytes", s.maxPostBodyBytes());
        o.put("allow_signed_tokens", s.allowSignedTokens());
        json(ctx, o);
    }

    /** Writes a success body with the project's one JSON mapper. */
    static void json(Context ctx, tools.jackson.databind.JsonNode body) {
        ctx.contentType("application/json;charset=utf-8");
        ctx.result(JsonMappers.standard().writeValueAsString(body));
    }

    /** A route of this surface: public, answered with Datasette's error objects. */
    static Route route(HandlerType method, String path, String operation, String summary, Handler handler) {
        return new Route(NAME, method, path, operation, summary, Route.Access.PUBLIC, Route.Body.NONE, handler, ERRORS);
    }

    /** A route that reads a JSON body and asks the access service per call. */
    static Route writeRoute(String path, String operation, String summary, long maxBodyBytes, Handler handler) {
        return new Route(
                NAME,
                HandlerType.POST,
                path,
                operation,
                summary,
                Route.Access.CREDENTIAL,
                Route.Body.json(maxBodyBytes),
                handler,
                ERRORS);
    }
}
