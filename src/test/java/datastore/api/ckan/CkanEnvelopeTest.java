package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Contract §1 (transport, envelope, validators), as CKAN's own tests drive it: most legacy tests post
 * {@code '%s=1' % json.dumps(data)} form bodies and check {@code success} and the status.
 */
class CkanEnvelopeTest extends CkanSupport {

    static String books;

    @BeforeAll
    static void createBooks() {
        books = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "b\\u00fck", "type": "text"}, {"id": "author", "type": "text"}],
                 "records": [{"b\\u00fck": "annakarenina", "author": "tolstoy"},
                             {"b\\u00fck": "warandpeace", "author": "tolstoy"}]}
                """, books));
    }

    private static TestServer.Response form(String action, String body) {
        return server.post(
                "/api/3/action/" + action, body, Map.of("Content-Type", "application/x-www-form-urlencoded"));
    }

    @Test
    void successEnvelopeHasHelpSuccessAndResult() {
        TestServer.Response r = post("datastore_search", fmt("{\"resource_id\": \"%s\"}", books));
        assertThat(r.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        r.json().propertyNames().forEach(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("help", "success", "result");
        assertThat(r.json().get("help").asString()).endsWith("/api/3/action/help_show?name=datastore_search");
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.header("Content-Type").orElse("").replace(" ", "").toLowerCase())
                .isEqualTo("application/json;charset=utf-8");
    }

    @Test
    void validationErrorEnvelopeHasNoMessageKey() {
        TestServer.Response r = post("datastore_search", "{}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("help").asString()).endsWith("/api/3/action/help_show?name=datastore_search");
        assertThat(r.error())
                .isEqualTo(json("{\"resource_id\": [\"Missing value\"], \"__type\": \"Validation Error\"}"));
    }

    @Test
    void unversionedActionPathWorks() {
        TestServer.Response r =
                server.post("/api/action/datastore_search", fmt("{\"resource_id\": \"%s\"}", books), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.result().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void legacyFormPostWithJsonAsTheKeyIsAccepted() {
        String body =
                URLEncoder.encode(fmt("{\"resource_id\": \"%s\", \"limit\": 1}", books), StandardCharsets.UTF_8) + "=1";
        TestServer.Response r = form("datastore_search", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.result().get("records")).hasSize(1);
        assertThat(r.result().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void legacyFormPostOfAnEmptyDictIs409() {
        TestServer.Response r = form("datastore_create", URLEncoder.encode("{}", StandardCharsets.UTF_8) + "=1");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void plainFormPostBecomesTheDict() {
        TestServer.Response r = form("datastore_delete", "resource_id=" + newId());
        assertThat(r.status()).isEqualTo(404);
        String id = newId();
        ok("datastore_create", fmt("{\"resource_id\": \"%s\", \"records\": [{\"a\": 1}]}", id));
        TestServer.Response deleted = form("datastore_delete", "resource_id=" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.result()).isEqualTo(json(fmt("{\"resource_id\": \"%s\"}", id)));
    }

    @Test
    void unknownActionIsABare400String() {
        TestServer.Response r = post("datastore_nope", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("\"Bad request - Action name not known: datastore_nope\"");
    }

    @Test
    void getOnAWriteActionIsRefused() {
        TestServer.Response r = server.get("/api/3/action/datastore_upsert?resource_id=" + books);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo("\"Bad request - JSON Error: Invalid request. Please use POST method for your request\"");
    }

    @Test
    void jsonpCallbackWrapsTheResponse() {
        TestServer.Response r = server.get("/api/3/action/datastore_search?callback=cb&limit=1&resource_id=" + books);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("cb(").endsWith(");");
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/javascript");
    }

    @Test
    void booleanValidatorAcceptsCkanStrings() {
        for (String yes : List.of("true", "True", "yes", "t", "y", "1")) {
            JsonNode r =
                    ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"include_total\": \"%s\"}", books, yes));
            assertThat(r.has("total")).as(yes).isTrue();
        }
        for (String no : List.of("false", "no", "0", "on", "nonsense")) {
            JsonNode r = ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"include_total\": \"%s\"}", books, no));
            assertThat(r.has("total")).as(no).isFalse();
        }
    }

    @Test
    void integerValidatorAcceptsNumericStringsAndIntegralFloats() {
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"limit\": \"1\"}", books))
                        .get("records"))
                .hasSize(1);
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"limit\": 1.0}", books))
                        .get("records"))
                .hasSize(1);
        TestServer.Response frac = post("datastore_search", fmt("{\"resource_id\": \"%s\", \"limit\": 1.5}", books));
        assertThat(frac.status()).isEqualTo(409);
        assertThat(frac.error().get("limit").get(0).asString()).isEqualTo("Invalid integer");
    }

    @Test
    void emptyStringLimitMeansTheDefault() {
        JsonNode r = ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"limit\": \"\"}", books));
        assertThat(r.get("limit").asInt()).isEqualTo(100);
    }

    @Test
    void commaListsStripSpacesAndMatchingQuotes() {
        JsonNode r = ok("datastore_search", fmt("""
                {"resource_id": "%s", "fields": "\\"b\\u00fck\\", \\"author\\""}""", books));
        assertThat(r.get("records").get(0)).isEqualTo(json("{\"bük\": \"annakarenina\", \"author\": \"tolstoy\"}"));
    }

    @Test
    void idWinsOverResourceIdOnCreate() {
        String winner = newId();
        String loser = newId();
        JsonNode r = ok("datastore_create", fmt("""
                {"resource_id": "%s", "id": "%s", "records": [{"a": 1}]}""", loser, winner));
        assertThat(r.get("resource_id").asString()).isEqualTo(winner);
        assertThat(search(winner).get("total").asInt()).isEqualTo(1);
        assertThat(post("datastore_search", fmt("{\"resource_id\": \"%s\"}", loser))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void fieldsAsListOfStringsOnCreateIsA400IntegrityError() {
        TestServer.Response r =
                post("datastore_create", fmt("{\"resource_id\": \"%s\", \"fields\": [\"a\", \"b\"]}", newId()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.error().get("__type").asString()).isEqualTo("Integrity Error");
    }

    @Test
    void nonObjectBodyIs400BareString() {
        TestServer.Response r = server.post("/api/3/action/datastore_search", "[1, 2]", Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("\"Bad request - JSON Error: ");
    }
}
