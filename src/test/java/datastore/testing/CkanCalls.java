package datastore.testing;

import datastore.infrastructure.engines.StorageEngine;
import datastore.schemas.ckan.CreateRequest;
import datastore.schemas.ckan.DeleteRequest;
import datastore.schemas.ckan.SearchRequest;
import datastore.schemas.ckan.UpsertRequest;
import datastore.services.auth.Principal;
import datastore.services.read.CursorRows;
import datastore.services.read.ReadService;
import datastore.services.read.SearchResult;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * CKAN action parameters straight into the services, as the CKAN surface calls them but without HTTP:
 * for engine and service tests that speak CKAN's parameters.
 */
public final class CkanCalls {
    private final Tables tables;
    private final ReadService read;
    private final WriteService write;
    private final SearchRequest.Limits limits;

    public CkanCalls(StorageEngine engine, SearchRequest.Limits limits) {
        this.tables = new Tables(engine);
        this.read = new ReadService(engine);
        this.write = new WriteService(engine);
        this.limits = limits;
    }

    public WriteService.Created create(ObjectNode params) {
        CreateRequest req = CreateRequest.parse(params);
        return write.create(req.resourceId(), req.resource(), req.design(), Principal.OPEN);
    }

    public void upsert(ObjectNode params) {
        UpsertRequest req = UpsertRequest.parse(params);
        write.upsert(tables.resolveWritable(req.resourceId()), req.method(), req.records(), req.dryRun());
    }

    public void delete(ObjectNode params, boolean recordsOnly) {
        DeleteRequest req = DeleteRequest.parse(params, recordsOnly);
        write.delete(tables.resolveWritable(req.resourceId()), req.filters(), Principal.OPEN);
    }

    /** An open result the caller closes. */
    public SearchResult search(ObjectNode params) {
        SearchRequest req = SearchRequest.parse(params, limits);
        return read.search(tables.resolve(req.resourceId()), req.search());
    }

    /** Every matching row, as a dump reads them; {@code params} as a search's. */
    public CursorRows dump(ObjectNode params, @Nullable Long limit) {
        SearchRequest req =
                SearchRequest.parse(params, new SearchRequest.Limits(0, Integer.MAX_VALUE, limits.defaultLanguage()));
        return read.dump(tables.resolve(req.resourceId()), req.search(), limit);
    }
}
