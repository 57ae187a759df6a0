package datastore.api.datasette;

import datastore.api.middleware.BodyLimit;
import datastore.api.middleware.StrictUtf8;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.core.text.Tilde;
import datastore.services.tables.TableRef;
import datastore.services.tables.Tables;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading a Datasette request: its database and table from the path, its body as JSON. */
final class DatasetteRequests {
    /** The key under which this surface's own messages travel in an {@link ApiException}. */
    static final String ERRORS = "errors";
    /** The request attribute holding the table name the path asked for. */
    static final String TABLE_ATTRIBUTE = "datasette.table";

    private DatasetteRequests() {}

    /** A 400 with Datasette's messages, each as written. */
    static ApiException badRequest(List<String> messages) {
        return ApiException.validation(Map.of(ERRORS, messages));
    }

    static ApiException badRequest(String message) {
        return badRequest(List.of(message));
    }

    static ApiException notFound(String message) {
        return ApiException.of(ErrorCode.NOT_FOUND, message);
    }

    static ApiException forbidden(String message) {
        return ApiException.of(ErrorCode.NOT_AUTHORIZED, message);
    }

    /** The database the path names; 404 unless it is this instance's one database. */
    static String database(Context ctx, DatasetteSettings settings) {
        String db = Tilde.decode(ctx.pathParam("db"));
        if (!db.equals(settings.database())) {
            throw notFound("Database not found");
        }
        return db;
    }

    /**
     * The table the path names (tilde-decoded); 404 exactly {@code Table not found} when there is none
     * (Datasette's body); the name stays on the request as {@link #TABLE_ATTRIBUTE} for logs.
     */
    static TableRef table(Context ctx, Tables tables) {
        String name = Tilde.decode(ctx.pathParam("table"));
        ctx.attribute(TABLE_ATTRIBUTE, name);
        return tables.find(name).orElseThrow(() -> notFound("Table not found"));
    }

    /**
     * The table a write names: a table, not an alias (aliases are read-only views). Datasette's write
     * views name the missing table in their 404 ({@code Table not found: X}), unlike its table JSON.
     */
    static TableRef writableTable(Context ctx, Tables tables) {
        String name = Tilde.decode(ctx.pathParam("table"));
        ctx.attribute(TABLE_ATTRIBUTE, name);
        return tables.find(name).filter(t -> !t.viaAlias()).orElseThrow(() -> notFound("Table not found: " + name));
    }

    /**
     * The body as JSON whatever the Content-Type says (Datasette 1.0a36), strict UTF-8, within the
     * body limit; 400 {@code Invalid JSON: …} when it is not JSON.
     */
    static JsonNode body(Context ctx, BodyLimit limit) {
        byte[] body = bytes(ctx, limit, "Invalid JSON: could not read the request body");
        StrictUtf8.check(body).ifPresent(problem -> {
            throw badRequest("Invalid JSON: " + problem);
        });
        JsonNode node;
        try {
            node = JsonMappers.standard().readTree(body);
        } catch (JacksonException e) {
            throw badRequest("Invalid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (node == null || node.isMissingNode()) {
            throw badRequest("Invalid JSON: the body is empty");
        }
        return node;
    }

    /**
     * The raw body within the body limit; over it is 413 in Datasette's words ({@code Request body
     * exceeded maximum size of N bytes}), unreadable is a 400 saying {@code unreadable}.
     */
    static byte[] bytes(Context ctx, BodyLimit limit, String unreadable) {
        try {
            limit.checkDeclared(ctx);
            return limit.readAll(ctx);
        } catch (IOException e) {
            throw badRequest(unreadable);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.PAYLOAD_TOO_LARGE) {
                throw ApiException.of(
                        ErrorCode.PAYLOAD_TOO_LARGE,
                        "Request body exceeded maximum size of " + limit.maxBytes() + " bytes");
            }
            throw e;
        }
    }
}
