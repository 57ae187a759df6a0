package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /{db}/{table}.json} and {@code GET /{db}/{table}/{pks}.json}, tables made through the CKAN API. */
class DatasetteTableReadTest {
    private static TestServer server;
    private static String people;
    private static String pairs;
    private static String plain;

    @BeforeAll
    static void start() {
        server = TestServer.open(Map.of());
        people = create("""
                {"primary_key": "id",
                 "fields": [{"id": "id", "type": "int"}, {"id": "name", "type": "text"},
                            {"id": "age", "type": "int"}, {"id": "score", "type": "float8"},
                            {"id": "born", "type": "timestamp"}, {"id": "tags", "type": "json"},
                            {"id": "pic", "type": "text", "info": {"datasette_type": "blob"}}],
                 "records": [
                   {"id": 1, "name": "Alice", "age": 30, "score": 1.5, "born": "1990-01-02 10:00:00",
                    "tags": ["a", "b"], "pic": "aGk="},
                   {"id": 2, "name": "bob", "age": 25, "score": 2.25, "born": "1995-06-07 00:00:00",
                    "tags": ["b"]},
                   {"id": 3, "name": "Carol", "age": null, "score": null, "born": null, "tags": []},
                   {"id": 4, "name": "", "age": 30, "score": -1, "born": "1990-01-02 23:59:00"},
                   {"id": 5, "name": null, "age": 40, "score": 0.5, "born": "2001-12-31 12:00:00",
                    "tags": ["c", "a"]}]}""");
        pairs = create("""
                {"primary_key": ["g", "n"],
                 "fields": [{"id": "g", "type": "text"}, {"id": "n", "type": "int"}, {"id": "v", "type": "int"}],
                 "records": [
                   {"g": "a", "n": 2, "v": 1}, {"g": "a", "n": 1, "v": null}, {"g": "b", "n": 1, "v": 1},
                   {"g": "a,b", "n": 1, "v": 3}, {"g": "b", "n": 3, "v": null}, {"g": "c", "n": 1, "v": 2},
                   {"g": "b", "n": 2, "v": 1}]}""");
        plain = create("""
                {"fields": [{"id": "word", "type": "text"}, {"id": "k", "type": "int"}],
                 "records": [{"word": "x", "k": 1}, {"word": "y", "k": 1}, {"word": "x", "k": 2},
                             {"word": "z", "k": null}, {"word": "x", "k": 3}, {"word": "w", "k": 1},
                             {"word": "x", "k": null}]}""");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String create(String body) {
        String id = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String json = "{\"resource_id\": \"" + id + "\", \"force\": true, "
                + body.strip().substring(1);
        TestServer.Response r = server.action("datastore_create", json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private static TestServer.Response get(String path) {
        return server.get(path);
    }

    private static JsonNode ok(String path) {
        TestServer.Response r = get(path);
        assertThat(r.status()).as(path + " → " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static void bad(String path, int status, String message) {
        TestServer.Response r = get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("ok").asBoolean()).isFalse();
        assertThat(r.json().get("error").asString()).isEqualTo(message);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
    }

    private static List<String> ids(JsonNode page, String... columns) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : page.get("rows")) {
            List<String> parts = new ArrayList<>();
            for (String c : columns) {
                parts.add(row.get(c).isNull() ? "null" : row.get(c).asString());
            }
            out.add(String.join("/", parts));
        }
        return out;
    }

    /** Every row, following next_url (≥ 1 request per page), and the number of pages. */
    private static List<String> walk(String path, List<Integer> pages, String... columns) {
        List<String> out = new ArrayList<>();
        JsonNode page = ok(path);
        pages.add(1);
        out.addAll(ids(page, columns));
        while (!page.get("next").isNull()) {
            URI next = URI.create(page.get("next_url").asString());
            assertThat(next.getRawQuery()).contains("_next=");
            page = ok(next.getRawPath() + "?" + next.getRawQuery());
            pages.set(0, pages.getFirst() + 1);
            out.addAll(ids(page, columns));
        }
        assertThat(page.get("next_url").isNull()).isTrue();
        return out;
    }

    @Test
    void defaultShapeRendersEachTypeAsDatasetteDoes() {
        JsonNode page = ok("/data/" + people + ".json");
        assertThat(page.get("ok").asBoolean()).isTrue();
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("next_url").isNull()).isTrue();
        assertThat(page.get("truncated").asBoolean()).isFalse();
        assertThat(page.has("columns")).isFalse();
        JsonNode first = page.get("rows").get(0);
        assertThat(first.propertyNames()).containsExactly("id", "name", "age", "score", "born", "tags", "pic");
        assertThat(first.get("id").isIntegralNumber()).isTrue();
        assertThat(first.get("id").asInt()).isEqualTo(1);
        assertThat(first.get("score").isNumber()).isTrue();
        assertThat(first.get("score").asDouble()).isEqualTo(1.5);
        assertThat(first.get("born").asString()).isEqualTo("1990-01-02T10:00:00");
        assertThat(first.get("tags").isString()).isTrue();
        assertThat(TestServer.JSON.readTree(first.get("tags").asString()))
                .isEqualTo(TestServer.JSON.readTree("[\"a\",\"b\"]"));
        assertThat(first.get("pic")).isEqualTo(TestServer.JSON.readTree("{\"$base64\": true, \"encoded\": \"aGk=\"}"));
        assertThat(page.get("rows").get(1).get("pic").isNull()).isTrue();
        assertThat(ids(page, "id")).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void shapes() {
        String base = "/data/" + people + ".json?_col=name&_size=2";
        JsonNode arrays = ok(base + "&_shape=arrays");
        assertThat(arrays.get("rows").get(0)).isEqualTo(TestServer.JSON.readTree("[1, \"Alice\"]"));
        assertThat(arrays.get("next").asString()).isEqualTo("2");

        TestServer.Response array = get(base + "&_shape=array");
        assertThat(array.json())
                .isEqualTo(
                        TestServer.JSON.readTree("[{\"id\": 1, \"name\": \"Alice\"}, {\"id\": 2, \"name\": \"bob\"}]"));
        assertThat(array.header("Link").orElseThrow()).matches("<http://.*_next=2.*>; rel=\"next\"");

        TestServer.Response nl = get(base + "&_shape=array&_nl=on");
        assertThat(nl.header("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(nl.body()).isEqualTo("{\"id\":1,\"name\":\"Alice\"}\n{\"id\":2,\"name\":\"bob\"}\n");

        assertThat(ok(base + "&_shape=arrayfirst")).isEqualTo(TestServer.JSON.readTree("[1, 2]"));

        JsonNode object = ok("/data/" + pairs + ".json?_shape=object&_size=2");
        assertThat(object.propertyNames()).containsExactly("a,1", "a,2");
        assertThat(object.get("a,1").get("v").isNull()).isTrue();
        JsonNode escaped = ok("/data/" + pairs + ".json?_shape=object&g=a,b");
        assertThat(escaped.propertyNames()).containsExactly("a~2Cb,1");

        bad(
                "/data/" + plain + ".json?_shape=object",
                400,
                "_shape=object is only available on tables with a primary key");
        bad("/data/" + people + ".json?_shape=nope", 400, "Invalid _shape: nope");
    }

    @Test
    void sizes() {
        assertThat(ok("/data/" + people + ".json?_size=3").get("rows").size()).isEqualTo(3);
        assertThat(ok("/data/" + people + ".json?_size=max").get("rows").size()).isEqualTo(5);
        bad("/data/" + people + ".json?_size=x", 400, "_size must be a positive integer");
        bad("/data/" + people + ".json?_size=-1", 400, "_size must be a positive integer");
        bad("/data/" + people + ".json?_size=1001", 400, "_size must be <= 1000");
    }

    @Test
    void eachFilterOperator() {
        Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("name=Alice", List.of("1"));
        cases.put("name__exact=bob", List.of("2"));
        cases.put("age__not=30", List.of("2", "5"));
        cases.put("name__contains=o", List.of("2", "3"));
        cases.put("name__notcontains=o", List.of("1", "4"));
        cases.put("name__startswith=a", List.of("1"));
        cases.put("name__endswith=B", List.of("2"));
        cases.put("age__gt=30", List.of("5"));
        cases.put("age__gte=30", List.of("1", "4", "5"));
        cases.put("age__lt=30", List.of("2"));
        cases.put("age__lte=30", List.of("1", "2", "4"));
        cases.put("score__gt=1", List.of("1", "2"));
        cases.put("name__like=%25L%25", List.of("1", "3"));
        cases.put("name__notlike=%25L%25", List.of("2", "4"));
        cases.put("name__glob=*o*", List.of("2", "3"));
        cases.put("name__glob=[AB]*", List.of("1"));
        cases.put("id__in=1,3,5", List.of("1", "3", "5"));
        cases.put("id__in=[2,4]", List.of("2", "4"));
        cases.put("id__notin=1,3,5", List.of("2", "4"));
        cases.put("age__isnull=1", List.of("3"));
        cases.put("age__notnull=1", List.of("1", "2", "4", "5"));
        cases.put("name__isblank=1", List.of("4", "5"));
        cases.put("name__notblank=1", List.of("1", "2", "3"));
        cases.put("born__date=1990-01-02", List.of("1", "4"));
        cases.put("tags__arraycontains=a", List.of("1", "5"));
        // A row without an array holds nothing, so it does not contain the value either.
        cases.put("tags__arraynotcontains=a", List.of("2", "3", "4"));
        cases.put("age=30&score__lt=1", List.of("4"));
        cases.put("age__gte=25&age__lte=30&name__notblank=1", List.of("1", "2"));
        cases.forEach((query, expected) -> assertThat(ids(ok("/data/" + people + ".json?" + query), "id"))
                .as(query)
                .containsExactlyElementsOf(expected));
    }

    @Test
    void filterErrorsNameTheColumnOrOperator() {
        bad("/data/" + people + ".json?nope=1", 400, "Cannot filter by unknown column: nope");
        bad("/data/" + people + ".json?nope__gt=1", 400, "Cannot filter by unknown column: nope");
        bad("/data/" + people + ".json?age__near=1", 400, "Invalid filter operator: near (in age__near)");
        assertThat(get("/data/" + people + ".json?age__gt=abc").status()).isEqualTo(400);
    }

    @Test
    void sortAscendingAndDescendingWithNullsAndTies() {
        List<Integer> pages = new ArrayList<>();
        // SQLite's order: NULLs first ascending, last descending; primary keys break ties.
        assertThat(walk("/data/" + pairs + ".json?_sort=v&_size=2", pages, "g", "n"))
                .containsExactly("a/1", "b/3", "a/2", "b/1", "b/2", "c/1", "a,b/1");
        assertThat(pages.getFirst()).isEqualTo(4);
        pages.clear();
        assertThat(walk("/data/" + pairs + ".json?_sort_desc=v&_size=2", pages, "g", "n"))
                .containsExactly("a,b/1", "c/1", "a/2", "b/1", "b/2", "a/1", "b/3");
        pages.clear();
        assertThat(walk("/data/" + plain + ".json?_sort_desc=k&_size=3", pages, "_id"))
                .containsExactly("5", "3", "1", "2", "6", "4", "7");
        pages.clear();
        assertThat(walk("/data/" + plain + ".json?_sort=k&_size=1&word=x", pages, "_id"))
                .containsExactly("7", "1", "3", "5");
        assertThat(pages.getFirst()).isEqualTo(4);
        JsonNode sorted = ok("/data/" + pairs + ".json?_sort=v&_size=1");
        assertThat(sorted.get("next").asString()).isEqualTo("$null,a,1");
        bad("/data/" + pairs + ".json?_sort=v&_sort_desc=v", 400, "Cannot use _sort and _sort_desc at the same time");
        bad("/data/" + pairs + ".json?_sort=zz", 400, "Cannot sort table by zz");
    }

    @Test
    void keysetPagesOverCompoundKeysAndRowIds() {
        List<Integer> pages = new ArrayList<>();
        assertThat(walk("/data/" + pairs + ".json?_size=2", pages, "g", "n"))
                .containsExactly("a/1", "a/2", "a,b/1", "b/1", "b/2", "b/3", "c/1");
        assertThat(pages.getFirst()).isEqualTo(4);
        JsonNode first = ok("/data/" + pairs + ".json?_size=3");
        assertThat(first.get("next").asString()).isEqualTo("a~2Cb,1");
        assertThat(first.get("next_url").asString()).startsWith("http://").contains("_size=3");
        assertThat(ids(ok("/data/" + pairs + ".json?_size=3&_next=a~2Cb,1"), "g", "n"))
                .containsExactly("b/1", "b/2", "b/3");

        pages.clear();
        assertThat(walk("/data/" + plain + ".json?_size=2", pages, "_id"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(pages.getFirst()).isEqualTo(4);
        pages.clear();
        assertThat(walk("/data/" + plain + ".json?_size=2&word=x", pages, "_id", "k"))
                .containsExactly("1/1", "3/2", "5/3", "7/null");
        assertThat(ok("/data/" + plain + ".json?_size=1").get("rows").get(0).propertyNames())
                .containsExactly("_id", "word", "k");
    }

    @Test
    void columnsChosenWithPrimaryKeysAlwaysIncluded() {
        assertThat(ok("/data/" + people + ".json?_col=age&_col=name&_size=1")
                        .get("rows")
                        .get(0)
                        .propertyNames())
                .containsExactly("id", "name", "age");
        assertThat(ok("/data/" + people + ".json?_nocol=tags&_nocol=pic&_nocol=id&_size=1")
                        .get("rows")
                        .get(0)
                        .propertyNames())
                .containsExactly("id", "name", "age", "score", "born");
        bad("/data/" + people + ".json?_col=nope", 400, "_col=nope - invalid columns");
        bad("/data/" + people + ".json?_nocol=nope", 400, "_nocol=nope - invalid columns");
    }

    @Test
    void extras() {
        JsonNode page = ok("/data/" + pairs + ".json?_size=2&_extra=count,columns&_extra=primary_keys&v=1");
        assertThat(page.get("count").asInt()).isEqualTo(3);
        assertThat(page.get("rows").size()).isEqualTo(2);
        assertThat(ids(page, "g", "n")).containsExactly("a/2", "b/1");
        assertThat(page.get("columns")).isEqualTo(TestServer.JSON.readTree("[\"g\", \"n\", \"v\"]"));
        assertThat(page.get("primary_keys")).isEqualTo(TestServer.JSON.readTree("[\"g\", \"n\"]"));
        JsonNode second = ok("/data/" + pairs + ".json?_size=2&_extra=count&v=1&_next="
                + page.get("next").asString());
        assertThat(second.get("count").asInt()).isEqualTo(3);
        assertThat(ids(second, "g", "n")).containsExactly("b/2");
        assertThat(ok("/data/" + pairs + ".json?_extra=count&_nocount=1")
                        .get("count")
                        .isNull())
                .isTrue();
        bad("/data/" + pairs + ".json?_extra=count,bogus", 400, "Invalid _extra: bogus");
    }

    @Test
    void facets() {
        JsonNode page = ok("/data/" + plain + ".json?_facet=word&_facet=k&_size=1");
        JsonNode results = page.get("facet_results").get("results");
        assertThat(page.get("facet_results").get("timed_out").size()).isZero();
        JsonNode word = results.get("word");
        assertThat(word.get("name").asString()).isEqualTo("word");
        assertThat(word.get("type").asString()).isEqualTo("column");
        assertThat(word.get("truncated").asBoolean()).isFalse();
        JsonNode top = word.get("results").get(0);
        assertThat(top.get("value").asString()).isEqualTo("x");
        assertThat(top.get("label").asString()).isEqualTo("x");
        assertThat(top.get("count").asInt()).isEqualTo(4);
        assertThat(top.get("selected").asBoolean()).isFalse();
        assertThat(top.get("toggle_url").asString()).startsWith("http://").contains("word=x");
        assertThat(word.get("results").size()).isEqualTo(4);
        JsonNode k = results.get("k");
        assertThat(k.get("results").get(0).get("value").asInt()).isEqualTo(1);
        assertThat(k.get("results").get(0).get("count").asInt()).isEqualTo(3);
        assertThat(k.get("results").size()).isEqualTo(3);
        assertThat(k.get("results").get(1).get("value").asInt()).isEqualTo(2);
        assertThat(k.get("results").get(2).get("value").asInt()).isEqualTo(3);
        JsonNode tags = ok("/data/" + people + ".json?_facet=tags&_facet=born&age__notnull=1")
                .get("facet_results")
                .get("results");
        assertThat(tags.get("tags").get("results").size()).isEqualTo(3);
        assertThat(tags.get("born").get("results").get(0).get("value").asString())
                .isEqualTo("1990-01-02T10:00:00");

        JsonNode filtered = ok("/data/" + plain + ".json?_facet=word&word=x&_facet_size=1");
        JsonNode only = filtered.get("facet_results").get("results").get("word");
        assertThat(only.get("results").get(0).get("selected").asBoolean()).isTrue();
        assertThat(only.get("results").get(0).get("toggle_url").asString()).doesNotContain("word=x");
        JsonNode small = ok("/data/" + plain + ".json?_facet=word&_facet_size=2");
        assertThat(small.get("facet_results")
                        .get("results")
                        .get("word")
                        .get("truncated")
                        .asBoolean())
                .isTrue();
        bad("/data/" + plain + ".json?_facet=nope", 400, "Invalid _facet: nope is not a column");
    }

    @Test
    void searchUsesTheFullTextIndex() {
        assertThat(ids(ok("/data/" + people + ".json?_search=carol"), "id")).containsExactly("3");
        assertThat(ids(ok("/data/" + people + ".json?_search_name=bob"), "id")).containsExactly("2");
        assertThat(ids(ok("/data/" + people + ".json?_search=car:*&_searchmode=raw"), "id"))
                .containsExactly("3");
        assertThat(ids(ok("/data/" + people + ".json?_search=alice&_size=1&_extra=count"), "id"))
                .containsExactly("1");
        bad("/data/" + people + ".json?_search_nope=x", 400, "Cannot search by unknown column: nope");
    }

    @Test
    void jsonColumnsEmbeddedOnRequest() {
        JsonNode page = ok("/data/" + people + ".json?_json=tags&_size=1");
        assertThat(page.get("rows").get(0).get("tags")).isEqualTo(TestServer.JSON.readTree("[\"a\", \"b\"]"));
        assertThat(ok("/data/" + plain + ".json?_facet=word&_nofacet=1").has("facet_results"))
                .isFalse();
    }

    @Test
    void whereRunsThroughTheSqlGuard() {
        assertThat(ids(ok("/data/" + people + ".json?_where=id%3E1&_where=age%3C40&_size=1"), "id"))
                .containsExactly("2");
        JsonNode second = ok("/data/" + people + ".json?_where=id%3E1&_where=age%3C40&_size=1&_extra=count");
        assertThat(second.get("count").asInt()).isEqualTo(2);
        List<Integer> pages = new ArrayList<>();
        assertThat(walk("/data/" + people + ".json?_where=id%3E1&_where=age%3C40&_size=1", pages, "id"))
                .containsExactly("2", "4");
        TestServer.Response system =
                get("/data/" + people + ".json?_where=" + "id%20IN%20(SELECT%201%20FROM%20information_schema.tables)");
        assertThat(system.status()).isIn(400, 403);
        try (TestServer noSql = TestServer.open(Map.of("SQL_SEARCH_ENABLED", "false"))) {
            TestServer.Response r = noSql.get("/data/anything.json?_where=1%3D1");
            assertThat(r.status()).isIn(403, 404);
        }
    }

    @Test
    void unknownDatabaseAndTable() {
        bad("/nope/" + people + ".json", 404, "Database not found");
        TestServer.Response r = get("/data/nosuchtable.json");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json())
                .isEqualTo(
                        TestServer.JSON.readTree(
                                "{\"ok\":false,\"error\":\"Table not found\",\"errors\":[\"Table not found\"],\"status\":404}"));
    }

    @Test
    void rowJson() {
        JsonNode one = ok("/data/" + people + "/2.json");
        assertThat(one.get("ok").asBoolean()).isTrue();
        assertThat(one.get("database").asString()).isEqualTo("data");
        assertThat(one.get("table").asString()).isEqualTo(people);
        assertThat(one.get("rows").get(0).get("name").asString()).isEqualTo("bob");
        assertThat(one.get("primary_keys")).isEqualTo(TestServer.JSON.readTree("[\"id\"]"));
        assertThat(one.get("primary_key_values")).isEqualTo(TestServer.JSON.readTree("[\"2\"]"));

        JsonNode compound = ok("/data/" + pairs + "/a~2Cb,1.json");
        assertThat(compound.get("rows").get(0).get("v").asInt()).isEqualTo(3);
        assertThat(compound.get("primary_key_values")).isEqualTo(TestServer.JSON.readTree("[\"a,b\", \"1\"]"));

        JsonNode byId = ok("/data/" + plain + "/3.json");
        assertThat(byId.get("rows").get(0))
                .isEqualTo(TestServer.JSON.readTree("{\"_id\": 3, \"word\": \"x\", \"k\": 2}"));
        assertThat(byId.get("primary_keys")).isEqualTo(TestServer.JSON.readTree("[\"_id\"]"));

        assertThat(get("/data/" + pairs + "/a.json").status()).isEqualTo(400);
        assertThat(get("/data/" + people + "/99.json").status()).isEqualTo(404);
        assertThat(get("/data/" + plain + "/abc.json").status()).isEqualTo(404);
        assertThat(get("/data/" + people + "/abc.json").status()).isEqualTo(404);
        assertThat(get("/data/nosuchtable/1.json").status()).isEqualTo(404);
    }
}
