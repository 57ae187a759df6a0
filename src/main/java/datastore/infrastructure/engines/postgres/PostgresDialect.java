package datastore.infrastructure.engines.postgres;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.fulltext.TextAnalyzer;
import datastore.infrastructure.engines.sql.Fragment;
import datastore.infrastructure.engines.sql.FullTextSql;
import datastore.infrastructure.engines.sql.SqlDialect;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's SQL as CKAN writes it: typnames as column types, schema-qualified table names, JSON
 * array text cast to arrays, and full-text search with {@code plainto_tsquery}/{@code to_tsquery},
 * {@code ts_rank(…, 32)} over the trigger-maintained {@code _full_text} column.
 */
final class PostgresDialect implements SqlDialect {
    static final String FULL_TEXT = "_full_text";
    /** Column types whose per-field {@code q} CKAN does not narrow through {@code _full_text}. */
    private static final Set<BaseType> INDEXED_FTS_TYPES = Set.of(BaseType.TEXT);

    private final String schema;

    PostgresDialect(String schema) {
        this.schema = schema;
    }

    String schema() {
        return schema;
    }

    /** Qualified, so that a resource id equal to a pg_catalog relation name still means the datastore table. */
    @Override
    public String table(String tableId) {
        return quote(schema) + "." + quote(tableId);
    }

    @Override
    public String columnType(FieldType type) {
        return type.array() ? type.base().typname() + "[]" : type.base().typname();
    }

    @Override
    public String castParameter(FieldType type) {
        if (type.array()) {
            // Filter values are never NULL here, so the single parameter needs no NULL guard.
            return "CAST(ARRAY(SELECT " + elements(type) + "(CAST(? AS json))) AS " + columnType(type) + ")";
        }
        return "CAST(? AS " + columnType(type) + ")";
    }

    /** An array of {@code sqlType} from JSON array text (the canonical form values travel in). */
    static String arrayFromJson(String jsonExpr, FieldType type, String sqlType) {
        return "CASE WHEN " + jsonExpr + " IS NULL THEN NULL ELSE CAST(ARRAY(SELECT " + elements(type) + "(" + jsonExpr
                + ")) AS " + sqlType + ") END";
    }

    private static String elements(FieldType type) {
        return type.base().isJson() ? "json_array_elements" : "json_array_elements_text";
    }

    @Override
    public FullTextSql fullText(SearchQuery.FullText ft, TableDef table) {
        List<Fragment> where = new ArrayList<>();
        Map<String, Fragment> ranks = new LinkedHashMap<>();
        if (ft.all() != null) {
            Fragment query = tsQuery(ft.all(), ft.plain(), ft.language());
            where.add(query.wrap(FULL_TEXT + " @@ ", ""));
            ranks.put("rank", query.wrap("ts_rank(" + FULL_TEXT + ", ", ", 32)"));
        }
        for (Map.Entry<String, String> e : ft.perField().entrySet()) {
            ColumnDef column = table.field(e.getKey()).orElseThrow();
            Fragment query = tsQuery(e.getValue(), ft.plain(), ft.language());
            Fragment vector = Fragment.of(
                    "to_tsvector(CAST(? AS regconfig), CAST(" + quote(column.id()) + " AS text))", ft.language());
            if (column.type().array()
                    || !INDEXED_FTS_TYPES.contains(column.type().base())) {
                where.add(query.wrap(FULL_TEXT + " @@ ", ""));
            }
            where.add(Fragment.join(" @@ ", List.of(vector, query)));
            ranks.put(
                    "rank " + column.id(),
                    Fragment.join(", ", List.of(vector, query)).wrap("ts_rank(", ", 32)"));
        }
        return new FullTextSql(Fragment.join(" AND ", where).wrap("(", ")"), ranks);
    }

    /**
     * PostgreSQL parses and analyses the query itself; the shared analyzer only holds it to the limits
     * the DuckDB engine holds it to, which also keep PostgreSQL clear of its own stack limit.
     */
    private static Fragment tsQuery(String text, boolean plain, String language) {
        TextAnalyzer.shared().checkLimits(text, plain, language);
        return Fragment.of((plain ? "plainto_tsquery" : "to_tsquery") + "(CAST(? AS regconfig), ?)", language, text);
    }

    @Override
    public String arrayContains(ColumnDef column) {
        String col = quote(column.id());
        if (column.type().array()) {
            return "(CAST(? AS text) = ANY(CAST(" + col + " AS text[])))";
        }
        // JSON (or JSON text): an array's elements as text; anything else holds nothing.
        String json = "CAST(" + col + " AS json)";
        return "EXISTS (SELECT 1 FROM json_array_elements_text(CASE WHEN json_typeof(" + json + ") = 'array' THEN "
                + json + " ELSE CAST('[]' AS json) END) AS e(v) WHERE e.v = CAST(? AS text))";
    }
}
