package datastore.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.JsonArbitraries;
import datastore.testing.TestServer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the CKAN surface over HTTP on the engine under test: generated filters, sorts, fields, full-text
 * queries and record values never get a 5xx, and every refusal is an envelope.
 */
class HttpFuzzTest {
    private static final List<String> COLUMNS = List.of("n", "t", "x", "b", "d", "j", "a", "_id", "rank");
    private static TestServer server;

    @BeforeContainer
    static void start() {
        server = TestServer.open();
        TestServer.Response r = server.action("datastore_create", """
                {"resource_id": "fuzz", "primary_key": "n",
                 "fields": [{"id": "n", "type": "int"}, {"id": "t", "type": "text"}, {"id": "x", "type": "numeric"},
                            {"id": "b", "type": "bool"}, {"id": "d", "type": "timestamp"}, {"id": "j", "type": "json"},
                            {"id": "a", "type": "_text"}],
                 "records": [{"n": 1, "t": "one", "x": 1.5, "b": true, "d": "2020-01-01", "j": {"k": 1}, "a": ["p"]}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<ObjectNode> searches() {
        return JsonArbitraries.params(
                        List.of(
                                "filters",
                                "q",
                                "plain",
                                "language",
                                "fields",
                                "sort",
                                "limit",
                                "offset",
                                "distinct",
                                "records_format",
                                "total_estimation_threshold"),
                        COLUMNS)
                .map(p -> p.put("resource_id", "fuzz"));
    }

    @Provide
    Arbitrary<ObjectNode> filters() {
        return Arbitraries.maps(Arbitraries.of(COLUMNS), JsonArbitraries.values(COLUMNS, 1))
                .ofMaxSize(3)
                .map(m -> {
                    ObjectNode p = TestServer.JSON.createObjectNode().put("resource_id", "fuzz");
                    ObjectNode f = p.putObject("filters");
                    m.forEach(f::set);
                    return p;
                });
    }

    @Provide
    Arbitrary<ObjectNode> records() {
        return Arbitraries.maps(Arbitraries.of(COLUMNS.subList(1, 7)), JsonArbitraries.values(COLUMNS, 2))
                .ofMaxSize(4)
                .flatMap(m -> Arbitraries.of("insert", "upsert", "update").map(method -> {
                    ObjectNode p = TestServer.JSON.createObjectNode().put("resource_id", "fuzz");
                    p.put("method", method);
                    ObjectNode row = p.putArray("records").addObject();
                    row.put("n", 1000);
                    m.forEach(row::set);
                    return p;
                }));
    }

    @Property(tries = 300)
    void searchesNeverFailTheServer(@ForAll("searches") ObjectNode params) {
        answersCleanly("datastore_search", params);
    }

    @Property(tries = 300)
    void filtersNeverFailTheServer(@ForAll("filters") ObjectNode params) {
        answersCleanly("datastore_search", params);
        answersCleanly("datastore_records_delete", params.deepCopy().put("resource_id", "fuzz_nothing"));
    }

    @Property(tries = 300)
    void recordValuesNeverFailTheServer(@ForAll("records") ObjectNode params) {
        params.put("dry_run", true);
        answersCleanly("datastore_upsert", params);
    }

    private static void answersCleanly(String action, ObjectNode params) {
        TestServer.Response r = server.action(action, params);
        assertThat(r.status()).as("%s %s → %s", action, params, r.body()).isLessThan(500);
        JsonNode body = r.json();
        if (r.status() >= 400) {
            assertThat(body.isString()
                            || (body.has("error") && !body.get("success").asBoolean()))
                    .as("%s %s → %s", action, params, r.body())
                    .isTrue();
        }
    }
}
