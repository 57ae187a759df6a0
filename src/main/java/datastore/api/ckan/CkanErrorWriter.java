package datastore.api.ckan;

import datastore.api.ErrorWriter;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error of the CKAN surface: CKAN's error envelope, or CKAN's bare JSON string for a bad
 * request; anything unexpected is logged once and becomes a 500 envelope without details.
 */
public final class CkanErrorWriter implements ErrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CkanErrorWriter.class);

    @Override
    public void write(Context ctx, Exception e, String operation) {
        ApiException api = e instanceof ApiException a ? a : unexpected(e);
        ctx.attribute(ERROR_ATTRIBUTE, api.getMessage());
        ctx.status(api.code().httpStatus());
        ctx.contentType("application/json;charset=utf-8");
        if (api.code() == ErrorCode.BAD_REQUEST) {
            ctx.result(JsonMappers.standard().writeValueAsString(api.getMessage()));
            return;
        }
        String help = CkanEnvelopes.helpUrl(site(ctx), operation);
        ctx.result(JsonMappers.standard().writeValueAsString(CkanEnvelopes.error(help, api)));
    }

    private static ApiException unexpected(Exception e) {
        LOG.atError().setCause(e).log("unexpected error");
        return ApiException.of(ErrorCode.INTERNAL, "Internal Server Error", e);
    }

    /** The site root as the caller reached it, for {@code help} links. */
    static String site(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]_-]{1,255}")) {
            host = "localhost";
        }
        return ctx.scheme() + "://" + host;
    }
}
