package datastore.core.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place Jackson is configured: every mapper in the process comes from here, so request bodies,
 * GET parameters, stored metadata and responses are read and written by the same rules.
 */
public final class JsonMappers {
    /**
     * Deepest nesting a request may carry. CKAN records hold json columns, but nothing real nests this
     * deep; the limit stops a body of brackets from costing stack and heap before validation starts.
     */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Longest number text (digits) accepted, so a 10**100000 literal is refused while parsing. */
    public static final int MAX_NUMBER_LENGTH = 1_000;

    private static final JsonMapper STANDARD = builder(factory().build()).build();

    /**
     * For dumps and streamed results: no separator between root-level values (the writers frame them),
     * non-BMP characters as real UTF-8 like Python's {@code ensure_ascii=False}, and never closing the
     * caller's stream.
     */
    private static final JsonMapper STREAMING = builder(factory()
                    .rootValueSeparator((String) null)
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build())
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonMappers() {}

    /**
     * The mapper for requests, responses and stored JSON. Property order is kept as written (CKAN clients
     * read results in CKAN's key order; Jackson 3 would sort them), numbers keep their written scale
     * ({@code 1.50} stays {@code 1.50}) and a repeated key in one object is an error, not a silent overwrite.
     */
    public static JsonMapper standard() {
        return STANDARD;
    }

    /** The mapper for streamed output (dumps, search records). */
    public static JsonMapper streaming() {
        return STREAMING;
    }

    private static JsonFactoryBuilder factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    private static JsonMapper.Builder builder(JsonFactory factory) {
        return JsonMapper.builder(factory)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
