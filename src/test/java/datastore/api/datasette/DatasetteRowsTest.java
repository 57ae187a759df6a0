package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.core.json.JsonMappers;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.services.stream.OutputField;
import datastore.services.stream.ValueRenderer;
import java.io.StringWriter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** Datasette rows show a float exactly as the CKAN surface writes it. */
class DatasetteRowsTest {
    private static final FieldType FLOAT8 = new FieldType(BaseType.FLOAT8, false);
    private static final FieldType FLOAT4 = new FieldType(BaseType.FLOAT4, false);

    private static JsonNode asCkanWritesIt(FieldType type, Object v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonMappers.standard().createGenerator(out)) {
            ValueRenderer.writeJson(g, type, v);
        }
        return JsonMappers.standard().readTree(out.toString());
    }

    private static String shown(FieldType type, Object v) {
        return JsonMappers.standard()
                .writeValueAsString(DatasetteRows.value(new OutputField("f", type, false, null), v));
    }

    @Test
    void edgeFloatsMatchTheCkanSurface() {
        for (double d : new double[] {
            0.0,
            -0.0,
            1.5,
            2.0,
            -1,
            1e20,
            1e-7,
            123456789012.5,
            9.999999999999999e22,
            Double.MAX_VALUE,
            Double.MIN_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        }) {
            assertThat(shown(FLOAT8, d))
                    .as("%s", d)
                    .isEqualTo(JsonMappers.standard().writeValueAsString(asCkanWritesIt(FLOAT8, d)));
        }
        assertThat(shown(FLOAT4, 0.1f))
                .isEqualTo(JsonMappers.standard().writeValueAsString(asCkanWritesIt(FLOAT4, 0.1f)));
    }

    @Property(tries = 500)
    void anyDoubleMatchesTheCkanSurface(@ForAll double d) {
        assertThat(shown(FLOAT8, d)).isEqualTo(JsonMappers.standard().writeValueAsString(asCkanWritesIt(FLOAT8, d)));
    }

    @Property(tries = 300)
    void anyFloatMatchesTheCkanSurface(@ForAll float f) {
        assertThat(shown(FLOAT4, f)).isEqualTo(JsonMappers.standard().writeValueAsString(asCkanWritesIt(FLOAT4, f)));
    }
}
