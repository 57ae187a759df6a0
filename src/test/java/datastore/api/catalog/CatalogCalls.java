package datastore.api.catalog;

import datastore.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Catalog calls over real HTTP, for the catalog's API tests. */
final class CatalogCalls {
    private final TestServer server;
    private final Map<String, String> headers;

    CatalogCalls(TestServer server, Map<String, String> headers) {
        this.server = server;
        this.headers = headers;
    }

    CatalogCalls(TestServer server) {
        this(server, Map.of());
    }

    CatalogCalls as(String token) {
        return new CatalogCalls(server, Map.of("Authorization", "Bearer " + token));
    }

    TestServer.Response get(String path) {
        return server.get(path, headers);
    }

    TestServer.Response post(String path, Object body) {
        return send("POST", path, body);
    }

    TestServer.Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    TestServer.Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    TestServer.Response delete(String path) {
        return server.send("DELETE", path, null, headers);
    }

    TestServer.Response send(String method, String path, Object body) {
        String text = body instanceof String s ? s : TestServer.JSON.writeValueAsString(body);
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("Content-Type", "application/json");
        return server.send(method, path, text.getBytes(StandardCharsets.UTF_8), h);
    }
}
