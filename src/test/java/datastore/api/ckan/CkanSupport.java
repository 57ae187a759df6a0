package datastore.api.ckan;

import datastore.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

/**
 * Base of the CKAN conformance tests: one open-mode server per class, JSON bodies sent verbatim (text blocks keep
 * key order), and resource ids that are fresh UUIDs like CKAN's.
 */
abstract class CkanSupport {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.open();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** A fresh resource id, a UUID as CKAN would have. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** POSTs {@code json} (a JSON text) to the action. */
    static TestServer.Response post(String action, String json) {
        return server.action(action, json);
    }

    /** POSTs and requires HTTP 200 with success=true; returns {@code result}. */
    static JsonNode ok(String action, String json) {
        TestServer.Response r = post(action, json);
        if (r.status() != 200 || !r.json().get("success").asBoolean()) {
            throw new AssertionError(action + " failed with " + r.status() + ": " + r.body());
        }
        return r.result();
    }

    static JsonNode search(String id) {
        return ok("datastore_search", "{\"resource_id\": \"" + id + "\"}");
    }

    /** Parses a JSON text, to compare whole structures with {@code isEqualTo}. */
    static JsonNode json(String text) {
        return TestServer.JSON.readTree(text);
    }

    /** Fills {@code %s} placeholders (usually the resource id) into a JSON text block. */
    static String fmt(String template, Object... args) {
        return template.formatted(args);
    }
}
