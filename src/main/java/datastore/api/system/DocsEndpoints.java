package datastore.api.system;

import datastore.core.errors.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The interactive API explorer at {@code /docs}: Swagger UI from its WebJar on the classpath (nothing
 * is fetched from elsewhere, at build or run time), pointed at {@code /openapi.json}, with the bearer
 * scheme behind its Authorize button. Only the few files the page loads are served, by name.
 */
final class DocsEndpoints {
    static final String PREFIX = "/docs/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String INITIALIZER = "initializer.js";

    /** The WebJar's files the page may load, and their media types. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css;charset=utf-8",
            "index.css", "text/css;charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript;charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript;charset=utf-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="UTF-8">
                <title>Datastore API</title>
                <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css">
                <link rel="stylesheet" type="text/css" href="/docs/index.css">
                <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
                <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
              </head>
              <body>
                <div id="swagger-ui"></div>
                <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
                <script src="/docs/initializer.js" charset="UTF-8"></script>
              </body>
            </html>
            """;

    /**
     * This server's document, calls tried from the page, and a token kept only while the page is open
     * (never written to the browser's storage).
     */
    private static final String SCRIPT = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: "/openapi.json",
                dom_id: "#swagger-ui",
                deepLinking: true,
                tryItOutEnabled: true,
                persistAuthorization: false,
                presets: [SwaggerUIBundle.presets.apis],
                layout: "BaseLayout"
              });
            };
            """;

    private final String version;

    DocsEndpoints() {
        this.version = webjarVersion();
    }

    void page(Context ctx) {
        headers(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html;charset=utf-8");
        ctx.result(PAGE);
    }

    void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        headers(ctx);
        if (name.equals(INITIALIZER)) {
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType("text/javascript;charset=utf-8");
            ctx.result(SCRIPT);
            return;
        }
        String type = ASSETS.get(name);
        if (type == null) {
            throw ApiException.notFound("no such file " + PREFIX + name);
        }
        InputStream in = DocsEndpoints.class.getClassLoader().getResourceAsStream(WEBJAR + version + "/" + name);
        if (in == null) {
            throw ApiException.notFound("no such file " + PREFIX + name);
        }
        // The file's name carries no version, but the explorer's files change only with a new build.
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(type);
        ctx.result(in);
    }

    private static void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "frame-ancestors 'none'");
    }

    /** The Swagger UI version the WebJar on the classpath carries (its files live under that version). */
    static String webjarVersion() {
        try (InputStream in = DocsEndpoints.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is not on the classpath");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            String v = p.getProperty("version");
            if (v == null || v.isBlank()) {
                throw new IllegalStateException("the swagger-ui WebJar names no version");
            }
            return v.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
