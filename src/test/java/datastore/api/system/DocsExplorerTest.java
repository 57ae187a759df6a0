package datastore.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /docs}: Swagger UI served by this server itself, pointed at this server's document. */
class DocsExplorerTest {
    private static final Pattern LOADED = Pattern.compile("(?:src|href)=\"([^\"]+)\"");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.open(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> loaded(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = LOADED.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theExplorerIsAnHtmlPageLoadingEverythingFromThisServer() {
        TestServer.Response r = server.get("/docs");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElseThrow()).startsWith("text/html");
        List<String> urls = loaded(r.body());
        assertThat(urls).contains("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css");
        // No CDN: every script, style sheet and icon comes from this server's own /docs/ paths.
        assertThat(urls).allMatch(u -> u.startsWith("/docs/"));
        for (String url : urls) {
            TestServer.Response asset = server.get(url);
            assertThat(asset.status()).as(url).isEqualTo(200);
            assertThat(asset.bytes()).as(url).isNotEmpty();
        }
        assertThat(server.get("/docs/swagger-ui-bundle.js")
                        .header("Content-Type")
                        .orElseThrow())
                .startsWith("text/javascript");
    }

    @Test
    void theExplorerReadsThisServersDocumentAndOffersTheBearerScheme() {
        String script = server.get("/docs/initializer.js").body();
        assertThat(script).contains("url: \"/openapi.json\"").doesNotContain("petstore");
        assertThat(server.get("/openapi.json")
                        .json()
                        .get("components")
                        .get("securitySchemes")
                        .has("bearerAuth"))
                .isTrue();
    }

    @Test
    void onlyTheExplorersOwnFilesAreServed() {
        assertThat(server.get("/docs/pom.properties").status()).isEqualTo(404);
        assertThat(server.get("/docs/..%2F..%2Fapplication.conf").status()).isEqualTo(404);
        assertThat(server.get("/docs/swagger-ui.js").status()).isEqualTo(404);
    }
}
