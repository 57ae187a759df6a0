package datastore.services.stream;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson setup shared by the writers. */
final class JsonSupport {

    /**
     * No root separator (dump framing is written raw between root-level values), non-BMP characters
     * as real UTF-8 like Python's {@code ensure_ascii=False}, and never closing the caller's stream.
     */
    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .rootValueSeparator((String) null)
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

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
