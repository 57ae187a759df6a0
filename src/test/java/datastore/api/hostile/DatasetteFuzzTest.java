package datastore.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.JsonArbitraries;
import datastore.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the Datasette surface over HTTP on the engine under test: generated query arguments for the
 * table JSON and generated rows for the write endpoints never get a 5xx, and every refusal is
 * Datasette's error object.
 */
class DatasetteFuzzTest {
    private static final List<String> COLUMNS = List.of("n", "t", "x", "b", "j", "_id", "rowid");
    private static final List<String> ARGUMENTS = List.of(
            "_shape",
            "_size",
            "_sort",
            "_sort_desc",
            "_next",
            "_col",
            "_nocol",
            "_search",
            "_where",
            "_facet",
            "_facet_size",
            "_extra",
            "_nocount",
            "_nl",
            "_json",
            "n",
            "t__contains",
            "x__gt",
            "n__in",
            "t__glob",
            "j__arraycontains",
            "b__isnull",
            "x__date",
            "t__notblank",
            "n__bogus");
    private static TestServer server;

    @BeforeContainer
    static void start() {
        server = TestServer.open();
        TestServer.Response r = server.post("/data/-/create", """
                {"table": "fuzz", "pk": "n", "columns": [{"name": "n", "type": "integer"}, {"name": "t"},
                 {"name": "x", "type": "float"}, {"name": "b", "type": "integer"}, {"name": "j"}]}""", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        r = server.post("/data/fuzz/-/insert", """
                {"rows": [{"n": 1, "t": "one", "x": 1.5, "b": 1, "j": "[1, 2]"}, {"n": 2, "t": null, "x": -3}]}""", Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of(ARGUMENTS), JsonArbitraries.strings(COLUMNS))
                .as((k, v) -> k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        return pair.list().ofMaxSize(4).map(l -> l.stream().collect(Collectors.joining("&")));
    }

    @Provide
    Arbitrary<ObjectNode> rows() {
        return Arbitraries.maps(Arbitraries.of(COLUMNS), JsonArbitraries.values(COLUMNS, 2))
                .ofMaxSize(4)
                .map(m -> {
                    ObjectNode body = TestServer.JSON.createObjectNode();
                    ObjectNode row = body.putArray("rows").addObject();
                    m.forEach(row::set);
                    return body;
                });
    }

    @Property(tries = 300)
    void tableQueriesNeverFailTheServer(@ForAll("queries") String query) {
        answersCleanly(server.get("/data/fuzz.json?" + query), query);
    }

    @Property(tries = 200)
    void generatedRowsNeverFailTheServer(@ForAll("rows") ObjectNode body) {
        answersCleanly(server.post("/data/fuzz/-/upsert", body.toString(), Map.of()), body.toString());
        answersCleanly(server.post("/data/fuzz/-/insert", body.toString(), Map.of()), body.toString());
        JsonNode row = body.get("rows").get(0);
        ObjectNode update = TestServer.JSON.createObjectNode();
        update.set("update", row);
        answersCleanly(server.post("/data/fuzz/1/-/update", update.toString(), Map.of()), update.toString());
    }

    private static void answersCleanly(TestServer.Response r, String input) {
        assertThat(r.status()).as("%s → %s", input, r.body()).isLessThan(500);
        if (r.status() >= 400) {
            JsonNode body = r.json();
            assertThat(body.get("ok").asBoolean(true))
                    .as("%s → %s", input, r.body())
                    .isFalse();
            assertThat(body.get("status").asInt()).isEqualTo(r.status());
        }
    }
}
