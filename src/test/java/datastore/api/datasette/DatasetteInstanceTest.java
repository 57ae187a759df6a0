package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Datasette surface's instance routes: what clients read before they call anything else. */
class DatasetteInstanceTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open(Map.of("DATASETTE_MAX_INSERT_ROWS", "500", "MAX_REQUEST_BODY_MB", "3"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void settingsReportThisInstancesLimits() {
        TestServer.Response r = server.get("/-/settings.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("default_page_size").asInt()).isEqualTo(100);
        assertThat(s.get("max_returned_rows").asInt()).isEqualTo(1000);
        assertThat(s.get("max_insert_rows").asInt()).isEqualTo(500);
        assertThat(s.get("max_post_body_bytes").asLong()).isEqualTo(3L * 1024 * 1024);
        assertThat(s.get("allow_signed_tokens").asBoolean()).isTrue();
    }

    @Test
    void versionsNameTheDatasetteApiShapeServed() {
        JsonNode v = server.get("/-/versions.json").json();
        assertThat(v.get("datasette").get("version").asString()).startsWith("1.0");
        assertThat(v.get("datastore").get("version").asString()).isNotBlank();
    }

    @Test
    void theOtherSurfacesStillAnswerTheirOwnPaths() {
        assertThat(server.get("/health").status()).isEqualTo(200);
        assertThat(server.get("/api/3/action/datastore_search?resource_id=nope").status())
                .isEqualTo(404);
    }
}
