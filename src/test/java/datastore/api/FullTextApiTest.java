package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FullTextApiTest extends ApiTestSupport {

    @Test
    void qAddsARankFieldAndOrdersByIt() {
        ok(
                "datastore_create",
                Map.of(
                        "resource_id",
                        "ft1",
                        "records",
                        List.of(
                                Map.of("title", "a book about books", "n", 1),
                                Map.of("title", "the cat", "n", 2),
                                Map.of("title", "one book", "n", 3))));
        JsonNode r = ok("datastore_search", Map.of("resource_id", "ft1", "q", "book"));
        assertThat(r.get("fields").findValuesAsString("id")).containsExactlyInAnyOrder("_id", "title", "n", "rank");
        assertThat(r.get("fields").get(0).get("id").asString()).isEqualTo("_id");
        assertThat(r.get("fields").get(3).get("id").asString()).isEqualTo("rank");
        assertThat(r.get("fields").get(3).get("type").asString()).isEqualTo("float");
        assertThat(r.get("records").findValuesAsString("title")).containsExactly("a book about books", "one book");
        assertThat(r.get("records").get(0).get("rank").asDouble())
                .isGreaterThan(r.get("records").get(1).get("rank").asDouble());
        assertThat(r.get("total").asInt()).isEqualTo(2);
        assertThat(r.get("q").asString()).isEqualTo("book");
    }

    @Test
    void numbersAndDatesInsideValuesAreTokens() {
        ok(
                "datastore_create",
                Map.of("resource_id", "ft2", "records", List.of(Map.of("t", "first 99"), Map.of("t", "second 100"))));
        assertThat(ok("datastore_search", Map.of("resource_id", "ft2", "q", "99"))
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(ok("datastore_search", Map.of("resource_id", "ft2", "q", "firs"))
                        .get("total")
                        .asInt())
                .isZero();
    }

    @Test
    void invalidTsquerySyntaxAndUnknownLanguageAre409() {
        ok("datastore_create", Map.of("resource_id", "ft3", "records", List.of(Map.of("t", "x"))));
        TestServer.Response syntax =
                call("datastore_search", Map.of("resource_id", "ft3", "q", "foo bar", "plain", false));
        assertThat(syntax.status()).isEqualTo(409);
        assertThat(syntax.error().get("query").get(0).asString()).isEqualTo("Invalid query");
        TestServer.Response lang =
                call("datastore_search", Map.of("resource_id", "ft3", "q", "x", "language", "klingon"));
        assertThat(lang.status()).isEqualTo(409);
        TestServer.Response badField = call("datastore_search", Map.of("resource_id", "ft3", "q", Map.of("nope", "x")));
        assertThat(badField.error().get("q").get(0).asString()).isEqualTo("invalid value \"nope\"");
    }

    @Test
    void languageSelectsTheStemmer() {
        ok("datastore_create", Map.of("resource_id", "ft4", "records", List.of(Map.of("t", "les chats"))));
        assertThat(ok("datastore_search", Map.of("resource_id", "ft4", "q", "chats", "language", "simple"))
                        .get("total")
                        .asInt())
                .isEqualTo(0);
        assertThat(ok("datastore_search", Map.of("resource_id", "ft4", "q", "chats"))
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }
}
