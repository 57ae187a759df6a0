package datastore.infrastructure.engines.sql;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.query.FilterOp;
import datastore.schemas.types.FieldType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The Datasette filter operators and the keyset position, as the shared builder compiles them. */
class QueryBuilderOperatorsTest {
    private static final SqlDialect DIALECT = new SqlDialect() {
        @Override
        public String columnType(FieldType type) {
            return type.base().typname();
        }

        @Override
        public FullTextSql fullText(SearchQuery.FullText fullText, TableDef table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String arrayContains(ColumnDef column) {
            return "has(" + quote(column.id()) + ", ?)";
        }
    };
    private static final TableDef TABLE = new TableDef(
            "t",
            List.of(new ColumnDef("name", FieldType.TEXT, null), new ColumnDef("n", FieldType.INT4, null)),
            List.of("n"),
            List.of(),
            List.of(),
            0);
    private static final QueryBuilder BUILDER = new QueryBuilder(DIALECT);

    private static SearchQuery query(
            List<SearchQuery.Filter> filters, List<SearchQuery.SortKey> sort, List<String> after) {
        return new SearchQuery(
                TABLE,
                List.of(new SearchQuery.Column("n")),
                filters,
                null,
                sort,
                10,
                0,
                false,
                after == null ? null : new ArrayList<>(after));
    }

    private static SearchQuery.Filter filter(String column, String value, FilterOp op) {
        return new SearchQuery.Filter(column, JsonNodeFactory.instance.stringNode(value), op);
    }

    @Test
    void ckanFiltersAreUnchanged() {
        JsonNode list = JsonNodeFactory.instance.arrayNode().add(1).add(2);
        PreparedQuery q = BUILDER.search(query(List.of(new SearchQuery.Filter("n", list)), List.of(), null));
        assertThat(q.sql())
                .isEqualTo("SELECT \"n\" FROM \"t\" WHERE \"n\" IN (CAST(? AS int4), CAST(? AS int4)) LIMIT 10");
        assertThat(q.params()).containsExactly("1", "2");
    }

    @Test
    void operatorsBindTheirValues() {
        String evil = "x'; DROP TABLE t; --";
        PreparedQuery q = BUILDER.search(query(
                List.of(
                        filter("name", evil, FilterOp.CONTAINS),
                        filter("n", "3", FilterOp.GTE),
                        filter("name", "a*[bc]?", FilterOp.GLOB),
                        filter("name", "", FilterOp.ISBLANK),
                        filter("name", "v", FilterOp.ARRAYCONTAINS)),
                List.of(),
                null));
        assertThat(q.sql())
                .isEqualTo("SELECT \"n\" FROM \"t\" WHERE CAST(\"name\" AS TEXT) ILIKE ? AND \"n\" >= CAST(? AS int4)"
                        + " AND (CAST(\"name\" AS TEXT) ~ ?) AND (\"name\" IS NULL OR CAST(\"name\" AS TEXT) = '')"
                        + " AND has(\"name\", ?) LIMIT 10");
        assertThat(q.params()).containsExactly("%" + evil + "%", "3", "(?s)^a.*[bc].$", "v");
    }

    @Test
    void keysetFollowsDirectionAndNullPlacement() {
        List<SearchQuery.SortKey> sort = List.of(
                new SearchQuery.SortKey("name", true, SearchQuery.Nulls.LAST),
                new SearchQuery.SortKey("n", false, SearchQuery.Nulls.FIRST));
        PreparedQuery q = BUILDER.search(query(List.of(), sort, List.of("b", "7")));
        assertThat(q.sql())
                .contains(
                        "WHERE (((\"name\" < ? OR \"name\" IS NULL)) OR (\"name\" = ? AND (\"n\" > CAST(? AS int4))))");
        assertThat(q.params()).containsExactly("b", "b", "7");

        PreparedQuery fromNull = BUILDER.search(query(List.of(), sort, Arrays.asList(null, "7")));
        assertThat(fromNull.sql()).contains("WHERE ((FALSE) OR (\"name\" IS NULL AND (\"n\" > CAST(? AS int4))))");

        List<SearchQuery.SortKey> asc = List.of(new SearchQuery.SortKey("name", false, SearchQuery.Nulls.FIRST));
        assertThat(BUILDER.search(query(List.of(), asc, Arrays.asList((String) null)))
                        .sql())
                .contains("WHERE ((\"name\" IS NOT NULL))");
    }

    @Test
    void countsIgnoreTheKeysetPosition() {
        List<SearchQuery.SortKey> sort = List.of(new SearchQuery.SortKey("n", false));
        PreparedQuery count = BUILDER.count(query(List.of(filter("n", "1", FilterOp.NOT)), sort, List.of("4")));
        assertThat(count.sql()).isEqualTo("SELECT count(*) FROM \"t\" WHERE \"n\" <> CAST(? AS int4)");
        assertThat(count.params()).containsExactly("1");
    }

    @Test
    void facetsGroupTheMatchingNonNullValues() {
        PreparedQuery facet = BUILDER.facet(query(List.of(filter("n", "1", FilterOp.GT)), List.of(), null), "name", 31);
        assertThat(facet.sql())
                .isEqualTo("SELECT \"name\" AS \"name\", count(*) AS \"_facet_count\" FROM \"t\""
                        + " WHERE \"n\" > CAST(? AS int4) AND \"name\" IS NOT NULL GROUP BY \"name\""
                        + " ORDER BY count(*) DESC, \"name\" ASC LIMIT 31");
        assertThat(facet.params()).containsExactly("1");
    }

    @Test
    void globsBecomeAnchoredRegularExpressions() {
        assertThat(QueryBuilder.globRegex("*.txt")).isEqualTo("(?s)^.*\\.txt$");
        assertThat(QueryBuilder.globRegex("[^a-c]x(")).isEqualTo("(?s)^[^a-c]x\\($");
        assertThat(QueryBuilder.globRegex("a[b")).isEqualTo("(?s)^a\\[b$");
    }
}
