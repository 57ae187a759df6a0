package datastore.services.read;

import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.TableStats;
import datastore.infrastructure.engines.Total;
import datastore.schemas.action.InfoRequest;
import datastore.schemas.action.SearchRequest;
import datastore.schemas.types.FieldType;
import datastore.services.stream.OutputField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The read actions: search, dump, info; everything validated before the first row is read. */
public final class ReadService {
    private static final JsonMapper JSON = JsonMappers.standard();
    private final StorageEngine engine;

    public ReadService(StorageEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
    }

    /** The table a read names (table id or alias); 404 in CKAN's words when there is none. */
    public TableDef table(String idOrAlias) {
        return engine.table(idOrAlias)
                .orElseThrow(() -> ApiException.notFound("Resource \"" + idOrAlias + "\" was not found."));
    }

    /** The real table id a read names (dereferencing an alias); 404 when there is none. */
    public String tableId(String idOrAlias) {
        return table(idOrAlias).id();
    }

    /** The real table id {@code datastore_info} names; its 404 says "Resource/Alias", as CKAN's does. */
    public String infoTableId(String idOrAlias) {
        return engine.table(idOrAlias)
                .map(TableDef::id)
                .orElseThrow(() -> ApiException.notFound("Resource/Alias \"" + idOrAlias + "\" was not found."));
    }

    /** CKAN's {@code _table_metadata} pseudo-resource lists tables and aliases without an auth check. */
    public boolean isTableMetadata(String resourceId) {
        return TableMetadata.ID.equals(resourceId);
    }

    public SearchResult search(SearchRequest req) {
        if (req.resourceId().equals(TableMetadata.ID)) {
            return TableMetadata.search(req, engine.tables());
        }
        TableDef table = table(req.resourceId());
        SearchQuery q = QueryPlanner.plan(req, table, req.limit());
        RowCursor cursor = engine.search(q);
        List<OutputField> fields = outputFields(table, q);
        CursorRows rows = new CursorRows(cursor, fields);
        return new SearchResult(table.id(), fields, req.limit(), req, rows, () -> total(req, q, rows));
    }

    /**
     * A first page that ended before its limit holds every matching row, so its size is the total and
     * no count query is needed; otherwise (or with an estimation threshold) the engine counts.
     */
    private Optional<PageTotal> total(SearchRequest req, SearchQuery q, CursorRows rows) {
        if (!req.includeTotal()) {
            return Optional.empty();
        }
        if (req.offset() == 0
                && req.totalEstimationThreshold().isEmpty()
                && rows.exhausted()
                && rows.seen() < req.limit()) {
            return Optional.of(new PageTotal(rows.seen(), false));
        }
        Total t = engine.count(q, threshold(req));
        return Optional.of(new PageTotal(t.value(), t.estimated()));
    }

    private static OptionalLong threshold(SearchRequest req) {
        return req.totalEstimationThreshold().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Every matching row (no 100-row default), for dumps; {@code limit} empty means all. */
    public CursorRows dump(SearchRequest req, OptionalLong limit) {
        TableDef table = table(req.resourceId());
        int max = (int) Math.min(Integer.MAX_VALUE, limit.orElse(Integer.MAX_VALUE));
        SearchQuery q = QueryPlanner.plan(req, table, max);
        return new CursorRows(engine.search(q), outputFields(table, q));
    }

    static List<OutputField> outputFields(TableDef table, SearchQuery q) {
        List<OutputField> out = new ArrayList<>();
        for (SearchQuery.Selected s : q.columns()) {
            switch (s) {
                case SearchQuery.Rank r -> out.add(OutputField.rankColumn(r.name()));
                case SearchQuery.Column c -> {
                    if (c.name().equals("_id")) {
                        out.add(new OutputField("_id", FieldType.INT4));
                    } else {
                        ColumnDef col = table.field(c.name()).orElseThrow();
                        out.add(new OutputField(col.id(), col.type()).withInfo(info(col)));
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> info(ColumnDef col) {
        return col.info() == null ? null : JSON.convertValue(col.info(), Map.class);
    }

    public ObjectNode info(InfoRequest req) {
        TableDef table = engine.table(req.resourceId())
                .orElseThrow(() -> ApiException.notFound("Resource/Alias \"" + req.resourceId() + "\" was not found."));
        TableStats stats = engine.stats(table);
        ObjectNode result = JSON.createObjectNode();
        ObjectNode meta = result.putObject("meta");
        meta.put("id", table.id());
        meta.put("count", table.rowCount());
        meta.put("table_type", stats.tableType());
        meta.put("size", stats.size());
        meta.put("db_size", stats.dbSize());
        meta.put("idx_size", stats.indexSize());
        ArrayNode aliases = meta.putArray("aliases");
        table.aliases().forEach(aliases::add);
        ArrayNode fields = result.putArray("fields");
        for (ColumnDef col : table.fields()) {
            ObjectNode f = fields.addObject();
            f.put("id", col.id());
            f.put("type", col.type().typname());
            if (col.info() != null) {
                f.set("info", col.info());
            }
            TableStats.ColumnSchema cs = stats.columns().get(col.id());
            ObjectNode schema = f.putObject("schema");
            schema.put("native_type", nativeType(col.type()));
            schema.put("notnull", cs != null && cs.notNull());
            if (cs != null && cs.indexName() != null) {
                schema.put("index_name", cs.indexName());
            } else {
                schema.putNull("index_name");
            }
            schema.put("is_index", cs != null && cs.isIndex());
            schema.put("uniquekey", cs != null && cs.uniqueKey());
        }
        return result;
    }

    /** PostgreSQL's format_type() spelling, which CKAN reports as native_type. */
    static String nativeType(FieldType type) {
        String base = type.base().formatType();
        return type.array() ? base + "[]" : base;
    }
}
