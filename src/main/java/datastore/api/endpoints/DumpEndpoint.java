package datastore.api.endpoints;

import datastore.api.auth.AuthGate;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.schemas.action.DumpRequest;
import datastore.services.auth.AccessRequest;
import datastore.services.read.CursorRows;
import datastore.services.read.ReadService;
import datastore.services.stream.DumpFormat;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** {@code GET /datastore/dump/{id}}: validates everything, then streams every matching row. */
public final class DumpEndpoint {
    private final AuthGate gate;
    private final ReadService read;
    private final String defaultLanguage;

    public DumpEndpoint(AuthGate gate, ReadService read, String defaultLanguage) {
        this.gate = gate;
        this.read = read;
        this.defaultLanguage = defaultLanguage;
    }

    public void handle(Context ctx) {
        String id = ctx.pathParam("id");
        DumpRequest req;
        try {
            req = DumpRequest.parse(id, ctx.queryParamMap(), defaultLanguage);
            gate.require(ctx, AccessRequest.read("datastore_dump", read.tableId(id), id));
        } catch (ApiException e) {
            text(ctx, e);
            return;
        }
        DumpFormat format = DumpFormat.parse(req.format()).orElseThrow();
        try (CursorRows rows = openOrText(ctx, req)) {
            if (rows == null) {
                return;
            }
            ctx.status(200);
            ctx.contentType(format.contentType());
            ctx.header(
                    "Content-Disposition",
                    "attachment; filename=\"" + id.replace("\"", "") + "." + format.extension() + "\"");
            format.writer().write(rows, ctx.outputStream(), req.bom());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CursorRows openOrText(Context ctx, DumpRequest req) {
        try {
            return read.dump(req.search(), req.limit());
        } catch (ApiException e) {
            text(ctx, e);
            return null;
        }
    }

    /** CKAN's dump answers errors in plain text: 400 "param: message", 404 and 403 as pages. */
    private static void text(Context ctx, ApiException e) {
        ctx.contentType("text/plain;charset=utf-8");
        if (e.code() == ErrorCode.VALIDATION) {
            ctx.status(400);
            ctx.result(e.fieldErrors().entrySet().stream()
                    .map(en -> en.getKey() + ": " + String.join(", ", en.getValue()))
                    .collect(Collectors.joining("\n")));
            return;
        }
        ctx.status(e.code() == ErrorCode.NOT_AUTHORIZED ? 403 : e.code().httpStatus());
        ctx.result(e.getMessage());
    }
}
