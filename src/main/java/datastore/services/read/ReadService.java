package datastore.services.read;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.TableStats;
import datastore.infrastructure.engines.Total;
import datastore.schemas.query.Search;
import datastore.schemas.types.FieldType;
import datastore.services.stream.OutputField;
import datastore.services.tables.TableRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** The reads: search, dump, info and the table list; everything validated before the first row is read. */
public final class ReadService {
    private final StorageEngine engine;
    private final Timeouts timeouts;

    public ReadService(StorageEngine engine) {
        this(engine, new Timeouts(null, null));
    }

    public ReadService(StorageEngine engine, Timeouts timeouts) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts is null");
    }

    /**
     * How long the engine may work on one read before its statement is cancelled; null for no limit.
     *
     * @param search a search page and its count ({@code SEARCH_TIMEOUT_SECONDS})
     * @param dump a whole dump, streaming included ({@code DUMP_TIMEOUT_SECONDS})
     */
    public record Timeouts(
            @Nullable Duration search, @Nullable Duration dump) {}

    /** A page of rows of {@code table}; the caller writes it out, then closes the result. */
    public SearchResult search(TableRef table, Search search) {
        TableDef def = table.def();
        SearchQuery q = QueryPlanner.plan(search, def, search.limit());
        List<OutputField> fields = outputFields(def, q);
        CursorRows rows = new CursorRows(engine.search(q, timeouts.search()), fields);
        return new SearchResult(def.id(), fields, search, rows, () -> total(search, q, rows));
    }

    /** CKAN's {@code _table_metadata}: every table and alias, searchable like a table. */
    public SearchResult tableList(Search search) {
        return TableMetadata.search(search, engine.tables());
    }

    /**
     * A first page that ended before its limit holds every matching row, so its size is the total and
     * no count query is needed; otherwise (or with an estimation threshold) the engine counts.
     */
    private @Nullable PageTotal total(Search search, SearchQuery q, CursorRows rows) {
        if (!search.includeTotal()) {
            return null;
        }
        if (search.offset() == 0
                && search.after() == null
                && search.totalEstimationThreshold() == null
                && rows.exhausted()
                && rows.seen() < search.limit()) {
            return new PageTotal(rows.seen(), false);
        }
        OptionalLong threshold = search.totalEstimationThreshold() == null
                ? OptionalLong.empty()
                : OptionalLong.of(search.totalEstimationThreshold());
        Total t = engine.count(q, threshold, timeouts.search());
        return new PageTotal(t.value(), t.estimated());
    }

    /**
     * The {@code limit} most frequent non-null values of {@code column} among the rows {@code search}
     * matches (its filters and full text; sort, paging and keyset ignored), by count descending then
     * value: fields are the column and {@code count}. The caller closes the rows.
     */
    public CursorRows facet(TableRef table, Search search, String column, int limit) {
        SearchQuery q = QueryPlanner.plan(search, table.def(), limit);
        if (table.def().field(column).isEmpty() && !column.equals("_id")) {
            throw new IllegalArgumentException("unknown column " + column);
        }
        List<OutputField> fields = new ArrayList<>();
        if (column.equals("_id")) {
            fields.add(new OutputField("_id", FieldType.INT4));
        } else {
            ColumnDef col = table.def().field(column).orElseThrow();
            fields.add(new OutputField(col.id(), col.type()).withInfo(col.info()));
        }
        fields.add(new OutputField("count", FieldType.INT8));
        return new CursorRows(engine.facet(q, column, limit), fields);
    }

    /** Every matching row (no 100-row default), for dumps; {@code limit} null means all. */
    public CursorRows dump(TableRef table, Search search, @Nullable Long limit) {
        int max = limit == null ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, limit);
        SearchQuery q = QueryPlanner.plan(search, table.def(), max);
        return new CursorRows(engine.search(q, timeouts.dump()), outputFields(table.def(), q));
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
                        out.add(new OutputField(col.id(), col.type()).withInfo(col.info()));
                    }
                }
            }
        }
        return out;
    }

    /** The table's facts for {@code datastore_info}. */
    public TableInfo info(TableRef table) {
        TableDef def = table.def();
        TableStats stats = engine.stats(def);
        List<TableInfo.Field> fields = new ArrayList<>();
        for (ColumnDef col : def.fields()) {
            TableStats.ColumnSchema cs = stats.columns().get(col.id());
            fields.add(new TableInfo.Field(
                    col.id(),
                    col.type(),
                    nativeType(col.type()),
                    col.info(),
                    cs != null && cs.notNull(),
                    cs == null ? null : cs.indexName(),
                    cs != null && cs.isIndex(),
                    cs != null && cs.uniqueKey()));
        }
        return new TableInfo(
                def.id(),
                def.rowCount(),
                stats.tableType(),
                stats.size(),
                stats.dbSize(),
                stats.indexSize(),
                def.aliases(),
                def.primaryKey(),
                fields);
    }

    /** PostgreSQL's format_type() spelling, which CKAN reports as native_type. */
    static String nativeType(FieldType type) {
        String base = type.base().formatType();
        return type.array() ? base + "[]" : base;
    }
}
