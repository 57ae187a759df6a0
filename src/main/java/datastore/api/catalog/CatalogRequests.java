package datastore.api.catalog;

import datastore.api.auth.AuthGate;
import datastore.api.middleware.BodyLimit;
import datastore.api.middleware.StrictUtf8;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.CatalogPage;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.Principal;
import datastore.services.auth.Verb;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** What the catalog's handlers share: the body, paging, the caller's access, and writing answers. */
final class CatalogRequests {
    private final BodyLimit limit;
    private final AuthGate gate;

    CatalogRequests(BodyLimit limit, AuthGate gate) {
        this.limit = limit;
        this.gate = gate;
    }

    /** The body as a JSON value: strict UTF-8, within the body limit, 400 when it is not JSON. */
    JsonNode body(Context ctx) {
        byte[] bytes;
        try {
            limit.checkDeclared(ctx);
            bytes = limit.readAll(ctx);
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read");
        }
        StrictUtf8.check(bytes).ifPresent(problem -> {
            throw ApiException.validation("body", "is not UTF-8: " + problem);
        });
        try {
            JsonNode node = JsonMappers.standard().readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw ApiException.validation("body", "is empty; send a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.validation(
                    "body",
                    "is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    /** A body that may be absent (restore, purge, materialise): an empty object then. */
    JsonNode optionalBody(Context ctx) {
        if (ctx.contentLength() == 0) {
            return CatalogJson.object();
        }
        return body(ctx);
    }

    /** The caller, when it may read the catalog; anonymous callers may when AUTH_ANONYMOUS_READ allows. */
    Principal reader(Context ctx, String action) {
        return gate.require(ctx, AccessRequest.catalog(action));
    }

    /** The caller, when it may change the catalog. */
    Principal writer(Context ctx, String action) {
        return gate.require(
                ctx, new AccessRequest(action, AccessRequest.Target.CATALOG, "", Set.of(), EnumSet.of(Verb.CREATE)));
    }

    /** The caller, when it is an admin (creating apps, purging). */
    Principal admin(Context ctx, String action) {
        Principal p = writer(ctx, action);
        if (!p.admin()) {
            throw ApiException.notAuthorized(action + " needs an admin token");
        }
        return p;
    }

    static String actor(Principal p) {
        return p.actor();
    }

    /** {@code limit} (1–1000, default 50), {@code offset} (≥ 0) and the filters a list reads. */
    static CatalogFilter filter(Context ctx, CatalogFilter.Builder more) {
        int limit = integer(ctx, "limit", CatalogFilter.DEFAULT_LIMIT, 1, CatalogFilter.MAX_LIMIT);
        int offset = integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        return more.build(ctx.queryParam("q"), limit, offset);
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiException.validation(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.validation(name, "must be an integer");
        }
    }

    static @Nullable Boolean bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.validation(name, "must be true or false");
        };
    }

    /** A list answer: {@code {"count", "next", "previous", "results"}}, next/previous as full URLs or null. */
    static <T> void page(Context ctx, CatalogPage<T> page, CatalogFilter f, Function<T, ObjectNode> json) {
        ObjectNode o = CatalogJson.object().put("count", page.count());
        long nextOffset = (long) f.offset() + f.limit();
        o.put("next", nextOffset < page.count() ? link(ctx, nextOffset, f.limit()) : null);
        o.put("previous", f.offset() > 0 ? link(ctx, Math.max(0, f.offset() - f.limit()), f.limit()) : null);
        ArrayNode results = o.putArray("results");
        page.items().forEach(item -> results.add(json.apply(item)));
        write(ctx, 200, o);
    }

    private static String link(Context ctx, long offset, int limit) {
        StringBuilder sb = new StringBuilder(ctx.url())
                .append("?limit=")
                .append(limit)
                .append("&offset=")
                .append(offset);
        for (var e : ctx.queryParamMap().entrySet()) {
            if (!List.of("limit", "offset").contains(e.getKey())) {
                for (String v : e.getValue()) {
                    sb.append('&')
                            .append(java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8))
                            .append('=')
                            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return sb.toString();
    }

    static void write(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json;charset=utf-8");
        ctx.result(JsonMappers.standard().writeValueAsString(body));
    }
}
