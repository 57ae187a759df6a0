package datastore.services.stream;

import datastore.core.json.JsonMappers;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson setup shared by the writers. */
final class JsonSupport {

    static final JsonMapper MAPPER = JsonMappers.streaming();

    private JsonSupport() {}

    /** A parser over one complete JSON text, positioned on its first token. */
    static JsonParser parse(String json) {
        JsonParser p = MAPPER.createParser(json);
        if (p.nextToken() == null) {
            p.close();
            throw new IllegalArgumentException("empty JSON value");
        }
        return p;
    }

    /** Fails when the parser, having finished its root value, has trailing content. */
    static void requireEnd(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new IllegalArgumentException("trailing content after JSON value: " + t);
        }
    }
}
