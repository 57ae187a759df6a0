package datastore.api;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every error the API reports: CKAN envelopes, or CKAN's bare strings for bad requests. */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    static void write(Context ctx, Exception e, String action) {
        ApiException api = e instanceof ApiException a ? a : unexpected(e);
        ctx.status(api.code().httpStatus());
        ctx.contentType("application/json;charset=utf-8");
        if (api.code() == ErrorCode.BAD_REQUEST) {
            ctx.result(JsonMappers.standard().writeValueAsString(api.getMessage()));
            return;
        }
        String help = Envelopes.helpUrl(site(ctx), action == null ? "" : action);
        ctx.result(JsonMappers.standard().writeValueAsString(Envelopes.error(help, api)));
    }

    private static ApiException unexpected(Exception e) {
        LOG.atError().setCause(e).log("unexpected error");
        return ApiException.of(ErrorCode.INTERNAL, "Internal Server Error", e);
    }

    static String site(Context ctx) {
        String host = ctx.header("Host");
        return ctx.scheme() + "://" + (host == null ? "localhost" : host);
    }
}
