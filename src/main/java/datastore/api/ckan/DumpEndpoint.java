package datastore.api.ckan;

import datastore.api.ErrorWriter;
import datastore.api.auth.AuthGate;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.schemas.ckan.DumpRequest;
import datastore.schemas.validation.Names;
import datastore.schemas.validation.Params;
import datastore.services.auth.AccessRequest;
import datastore.services.read.CursorRows;
import datastore.services.read.ReadService;
import datastore.services.stream.DumpFormat;
import datastore.services.tables.TableRef;
import datastore.services.tables.Tables;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/** {@code GET /datastore/dump/{id}}: validates everything, then streams every matching row. */
final class DumpEndpoint {
    private final AuthGate gate;
    private final Tables tables;
    private final ReadService read;
    private final String defaultLanguage;

    DumpEndpoint(AuthGate gate, Tables tables, ReadService read, String defaultLanguage) {
        this.gate = gate;
        this.tables = tables;
        this.read = read;
        this.defaultLanguage = defaultLanguage;
    }

    void handle(Context ctx) {
        String id = ctx.pathParam("id");
        if (Names.aliasProblem(id).isPresent() && !id.equals(Params.TABLE_METADATA)) {
            // No table can have such a name, so there is nothing to dump: CKAN's 404, not a parameter error.
            throw ApiException.resourceNotFound(id);
        }
        DumpRequest req = DumpRequest.parse(id, ActionParams.fromMap(ctx.queryParamMap()), defaultLanguage);
        TableRef table = tables.resolve(id);
        gate.require(ctx, AccessRequest.read("datastore_dump", table.id(), id));
        DumpFormat format = DumpFormat.parse(req.format()).orElseThrow();
        try (CursorRows rows = read.dump(table, req.search().search(), req.limit())) {
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

    /** CKAN's dump answers errors in plain text: 400 "param: message", 404 and 403 as pages. */
    static final ErrorWriter TEXT_ERRORS = (ctx, error, operation) -> {
        if (!(error instanceof ApiException e)) {
            new CkanErrorWriter().write(ctx, error, operation);
            return;
        }
        ctx.attribute(ErrorWriter.ERROR_ATTRIBUTE, e.getMessage());
        ctx.contentType("text/plain;charset=utf-8");
        if (e.code() == ErrorCode.VALIDATION) {
            ctx.status(400);
            ctx.result(e.fieldErrors().entrySet().stream()
                    .map(en -> en.getKey() + ": " + String.join(", ", en.getValue()))
                    .collect(Collectors.joining("\n")));
            return;
        }
        ctx.status(e.code().httpStatus());
        ctx.result(String.valueOf(e.getMessage()));
    };
}
