package datastore.api.catalog;

import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.frictionless.RowError;
import datastore.schemas.query.Search;
import datastore.services.read.SearchResult;
import datastore.services.stream.RecordsJsonWriter;
import datastore.services.validation.CatalogRows;
import datastore.services.validation.CheckedRows;
import datastore.services.validation.InvalidRowsException;
import datastore.services.validation.OnInvalid;
import datastore.services.validation.SchemaGate;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code …/datatables/{t}/validate/} (a dry run answering Frictionless's report, JSON rows or a CSV body) and
 * {@code …/datatables/{t}/rows/} (list with paging and equality filters; insert through the schema gate).
 */
final class DataTableRowEndpoints {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;

    private final CatalogRows rows;
    private final CatalogRequests requests;
    private final CatalogSurface surface;

    DataTableRowEndpoints(CatalogRows rows, CatalogRequests requests, CatalogSurface surface) {
        this.rows = rows;
        this.requests = requests;
        this.surface = surface;
    }

    List<Route> routes() {
        String table = CatalogSurface.TABLE;
        return List.of(
                surface.write(
                        HandlerType.POST,
                        table + "validate/",
                        "catalog_datatable_validate",
                        "Validate rows against the table's schema without writing (JSON rows or text/csv).",
                        this::validate),
                surface.read(
                        table + "rows/",
                        "catalog_datatable_rows",
                        "List a table's rows (limit, offset, field=value filters).",
                        this::list),
                surface.write(
                        HandlerType.POST,
                        table + "rows/",
                        "catalog_datatable_insert",
                        "Insert rows through the table's schema (on_invalid: reject or skip).",
                        this::insert));
    }

    private DataTable table(Context ctx) {
        return rows.table(ctx.pathParam("app"), ctx.pathParam("ds"), ctx.pathParam("t"));
    }

    private void validate(Context ctx) {
        requests.reader(ctx, "catalog_datatable_validate");
        DataTable table = table(ctx);
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        List<JsonNode> given = type.startsWith("text/csv") ? csv(requests.bytes(ctx)) : jsonRows(requests.body(ctx));
        CatalogRequests.write(ctx, 200, rows.validate(table, given).toJson());
    }

    private void insert(Context ctx) {
        requests.writer(ctx, "catalog_datatable_insert");
        DataTable table = table(ctx);
        JsonNode body = requests.body(ctx);
        OnInvalid onInvalid = onInvalid(body.path("on_invalid"));
        List<ObjectNode> records = new ArrayList<>();
        List<JsonNode> given = jsonRows(body);
        for (int i = 0; i < given.size(); i++) {
            if (!(given.get(i) instanceof ObjectNode o)) {
                throw ApiException.validation("rows", "row " + i + " is not a JSON object");
            }
            records.add(o);
        }
        CheckedRows checked;
        try {
            checked = rows.insert(table, records, onInvalid);
        } catch (ApiException e) {
            throw frictionless(e);
        }
        ObjectNode out = CatalogJson.object();
        out.put("inserted", checked.accepted().size());
        ArrayNode rejected = out.putArray("rejected");
        for (CheckedRows.Rejected r : checked.rejected()) {
            ObjectNode one = rejected.addObject();
            one.put("index", r.index());
            one.put("rowNumber", r.index() + SchemaGate.FIRST_ROW);
            one.set("row", r.record());
            ArrayNode errors = one.putArray("errors");
            r.errors().forEach(err -> errors.add(err.toJson()));
        }
        CatalogRequests.write(ctx, 201, out);
    }

    /** A refusal by the schema gate answers with Frictionless's errors (rowNumber: the header is row 1). */
    private static ApiException frictionless(ApiException e) {
        if (!(e.getCause() instanceof InvalidRowsException invalid)) {
            return e;
        }
        ArrayNode errors = JsonMappers.standard().createArrayNode();
        for (RowError err : invalid.report().errors()) {
            errors.add(err.toJson());
        }
        int bad = (int) invalid.report().errors().stream()
                .mapToInt(RowError::rowNumber)
                .distinct()
                .count();
        return ApiException.validation(
                Map.of(
                        "rows",
                        List.of(bad + " of " + invalid.report().rows() + " rows do not match the table's schema")),
                Map.of("errors", errors),
                null);
    }

    private static OnInvalid onInvalid(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return OnInvalid.REJECT;
        }
        return switch (value.asString("")) {
            case "reject" -> OnInvalid.REJECT;
            case "skip" -> OnInvalid.SKIP;
            default -> throw ApiException.validation("on_invalid", "must be \"reject\" or \"skip\"");
        };
    }

    private static List<JsonNode> jsonRows(JsonNode body) {
        JsonNode given = body.path("rows");
        if (!given.isArray()) {
            throw ApiException.validation("rows", "is required: a JSON array of rows");
        }
        List<JsonNode> out = new ArrayList<>(given.size());
        given.forEach(out::add);
        return out;
    }

    /** A CSV body: the header row names the fields, each later row's cells are text, as Frictionless reads a file. */
    private static List<JsonNode> csv(byte[] bytes) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().get();
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)), format)) {
            List<String> header = parser.getHeaderNames();
            List<JsonNode> out = new ArrayList<>();
            for (CSVRecord record : parser) {
                ObjectNode row = CatalogJson.object();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    row.set(header.get(i), StringNode.valueOf(record.get(i)));
                }
                out.add(row);
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw ApiException.validation("body", "is not CSV: " + e.getMessage());
        }
    }

    private void list(Context ctx) {
        requests.reader(ctx, "catalog_datatable_rows");
        DataTable table = table(ctx);
        int limit = CatalogRequests.integer(ctx, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
        int offset = CatalogRequests.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<Search.Filter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!e.getKey().equals("limit") && !e.getKey().equals("offset")) {
                for (String v : e.getValue()) {
                    filters.add(new Search.Filter(e.getKey(), StringNode.valueOf(v)));
                }
            }
        }
        Search search = new Search(filters, null, null, null, limit, offset, false, true, null);
        StringWriter text = new StringWriter();
        try (SearchResult result = rows.list(table, search);
                JsonGenerator g = JsonMappers.standard().createGenerator(text)) {
            g.writeStartObject();
            g.writeName("results");
            RecordsJsonWriter.objects().write(result.rows(), g);
            g.writeNumberProperty("count", result.total().orElse(-1));
            g.writeNumberProperty("limit", limit);
            g.writeNumberProperty("offset", offset);
            g.writeEndObject();
        }
        ctx.status(200);
        ctx.contentType("application/json;charset=utf-8");
        ctx.result(text.toString());
    }
}
