package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolApiTest extends ApiTestSupport {

    @Test
    void unknownActionIsABareStringAndGetOnAWriteIsRefused() {
        TestServer.Response unknown = call("datastore_nope", Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("\"Bad request - Action name not known: datastore_nope\"");
        TestServer.Response get = server.get("/api/3/action/datastore_create?resource_id=x");
        assertThat(get.status()).isEqualTo(400);
        assertThat(get.body())
                .isEqualTo("\"Bad request - JSON Error: Invalid request. Please use POST method for your request\"");
    }

    @Test
    void malformedJsonAndNonObjectBodiesAre400WithoutStackTraces() {
        TestServer.Response bad = server.post("/api/3/action/datastore_search", "{not json", Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).startsWith("\"Bad request - JSON Error").doesNotContain("at tools.jackson");
        TestServer.Response list = server.post("/api/3/action/datastore_search", "[1,2]", Map.of());
        assertThat(list.status()).isEqualTo(400);
    }

    @Test
    void everyResponseCarriesARequestIdAndKeepsASaneOne() {
        TestServer.Response r = server.get("/health", Map.of("X-Request-Id", "abc-123"));
        assertThat(r.header("X-Request-Id")).contains("abc-123");
        assertThat(server.get("/health").header("X-Request-Id")).isPresent();
        assertThat(call("datastore_nope", Map.of()).header("X-Request-Id")).isPresent();
    }

    @Test
    void healthReadyAndRootUseTheCkanEnvelope() {
        TestServer.Response ready = server.get("/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("success").asBoolean()).isTrue();
        assertThat(ready.result().get("ready").asBoolean()).isTrue();
        assertThat(server.get("/").json().get("result").get("engine").asString())
                .isEqualTo(TestServer.engine());
        assertThat(server.get("/health").status()).isEqualTo(200);
    }

    @Test
    void metricsCountRequestsPerAction() {
        call("datastore_search", Map.of("resource_id", "nothing-here"));
        TestServer.Response m = server.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.body()).contains("datastore_requests_seconds_count{action=\"datastore_search\",status=\"404\"}");
    }

    @Test
    void bodiesOverTheLimitGet413AndBodiesUnderItPass() {
        try (TestServer small = TestServer.open(Map.of("MAX_REQUEST_BODY_MB", "2"))) {
            StringBuilder records = new StringBuilder("[");
            // about 1.5 MB: above Javalin's own 1 MB default, below our 2 MB limit
            for (int i = 0; i < 30_000; i++) {
                records.append(i == 0 ? "" : ",")
                        .append("{\"a\":")
                        .append(i)
                        .append(",\"b\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}");
            }
            records.append("]");
            TestServer.Response fits =
                    small.action("datastore_create", "{\"resource_id\":\"big\",\"records\":" + records + "}");
            assertThat(fits.status()).isEqualTo(200);
            String huge =
                    "{\"resource_id\":\"big\",\"records\":" + records + ",\"pad\":\"" + "y".repeat(1_000_000) + "\"}";
            TestServer.Response tooBig = small.action("datastore_upsert", huge);
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.json().get("success").asBoolean()).isFalse();
            assertThat(tooBig.error().get("message").asString()).contains("MAX_REQUEST_BODY_MB");
            assertThat(small.action("datastore_search", Map.of("resource_id", "big"))
                            .result()
                            .get("total")
                            .asInt())
                    .isEqualTo(30_000);
        }
    }

    @Test
    void jsonpCallbackWrapsGetResponses() {
        TestServer.Response r = server.get("/api/3/action/datastore_search?resource_id=x&callback=cb");
        assertThat(r.status()).isIn(200, 404);
        if (r.status() == 200) {
            assertThat(r.body()).startsWith("cb(").endsWith(");");
        }
    }

    @Test
    void formEncodedPostsAreAccepted() {
        books("form1");
        TestServer.Response r = server.post(
                "/api/3/action/datastore_search",
                "resource_id=form1&limit=1",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.result().get("records")).hasSize(1);
        assertThat(List.of(r.result().get("limit").asInt())).containsExactly(1);
    }
}
