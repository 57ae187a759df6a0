package datastore.services.validation;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.catalog.CatalogStore;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.frictionless.TableSchemas;
import datastore.schemas.frictionless.ValidationReport;
import datastore.schemas.query.Search;
import datastore.schemas.write.WriteMethod;
import datastore.services.catalog.CatalogService;
import datastore.services.read.ReadService;
import datastore.services.read.SearchResult;
import datastore.services.tables.TableRef;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The catalog face's rows of a data table: dry-run validation, inserts through the schema gate, and listing. */
public final class CatalogRows {
    private final CatalogService catalog;
    private final CatalogStore store;
    private final Tables tables;
    private final WriteService write;
    private final ReadService read;

    public CatalogRows(
            CatalogService catalog, CatalogStore store, Tables tables, WriteService write, ReadService read) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.store = Objects.requireNonNull(store, "store is null");
        this.tables = Objects.requireNonNull(tables, "tables is null");
        this.write = Objects.requireNonNull(write, "write is null");
        this.read = Objects.requireNonNull(read, "read is null");
    }

    /** The active table {@code slug} of data source {@code ds} of app {@code app}: 404 unknown, 410 deleted. */
    public DataTable table(String app, String ds, String slug) {
        DataSource source = catalog.dataSource(app, ds);
        DataTable table = store.table(source.id(), slug)
                .orElseThrow(() -> ApiException.notFound("data table \"" + slug + "\" in data source \"" + ds + "\""));
        if (!table.active()) {
            throw ApiException.of(ErrorCode.GONE, "data table \"" + slug + "\" was deleted");
        }
        return table;
    }

    /**
     * The Frictionless report for {@code rows} against the table's schema and its stored rows; writes nothing. Rows are
     * objects keyed by field name or arrays in field order.
     */
    public ValidationReport validate(DataTable table, List<JsonNode> rows) {
        TableDef stored = tables.find(table.resourceId())
                .filter(t -> !t.viaAlias())
                .map(TableRef::def)
                .orElse(null);
        ValidationReport report = write.gate().validate(table.resourceId(), stored, rows);
        // The gate knows only what the store had when it first looked; the record in hand is the truth.
        return report != null
                ? report
                : new datastore.schemas.frictionless.RowValidator(
                                TableSchemas.read(table.jsonSchema()),
                                datastore.schemas.frictionless.ForeignKeyLookup.NONE)
                        .validate(rows, SchemaGate.FIRST_ROW, datastore.schemas.frictionless.ExistingKeys.NONE);
    }

    /** Inserts {@code rows} through the gate: all or nothing, or with {@link OnInvalid#SKIP} the valid ones. */
    public CheckedRows insert(DataTable table, List<ObjectNode> rows, OnInvalid onInvalid) {
        return write.upsert(materialized(table), WriteMethod.INSERT, rows, false, onInvalid);
    }

    /** A page of the table's rows, as {@code datastore_search} reads them. */
    public SearchResult list(DataTable table, Search search) {
        return read.search(materialized(table), search);
    }

    private TableRef materialized(DataTable table) {
        return tables.find(table.resourceId())
                .filter(t -> !t.viaAlias())
                .orElseThrow(() -> ApiException.of(
                        ErrorCode.CONFLICT, "data table \"" + table.slug() + "\" is not materialized yet"));
    }
}
