package datastore.api.ckan;

import datastore.api.ErrorWriter;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors of the CKAN REST resources ({@code /api/rest/…}): CKAN's error object without the action
 * envelope's {@code help}, with the REST design's statuses — a body that does not validate is a 400, a
 * name already in use a 409.
 */
final class RestErrorWriter implements ErrorWriter {
    /** CKAN's message for a package name that is taken; the REST design answers it with 409. */
    static final String NAME_IN_USE = "That URL is already in use.";

    private static final Logger LOG = LoggerFactory.getLogger(RestErrorWriter.class);

    @Override
    public void write(Context ctx, Exception e, String operation) {
        ApiException api;
        if (e instanceof ApiException a) {
            api = a;
        } else {
            LOG.atError().setCause(e).log("unexpected error");
            api = ApiException.of(ErrorCode.INTERNAL, "Internal Server Error", e);
        }
        ctx.attribute(ERROR_ATTRIBUTE, api.getMessage());
        ctx.status(status(api));
        ctx.contentType("application/json;charset=utf-8");
        ObjectNode body = CkanEnvelopes.error("", api);
        body.remove("help");
        ctx.result(JsonMappers.standard().writeValueAsString(body));
    }

    private static int status(ApiException e) {
        if (e.code() != ErrorCode.VALIDATION) {
            return e.code().httpStatus();
        }
        boolean taken = e.fieldErrors().values().stream().flatMap(List::stream).anyMatch(NAME_IN_USE::equals);
        return taken ? 409 : 400;
    }
}
