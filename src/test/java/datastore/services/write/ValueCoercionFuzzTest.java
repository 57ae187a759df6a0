package datastore.services.write;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.testing.JsonArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;

/** Fuzzes value coercion: any JSON value for any column type is coerced or refused in CKAN's words, nothing else. */
class ValueCoercionFuzzTest {
    @Provide
    Arbitrary<FieldType> types() {
        List<FieldType> all = new ArrayList<>();
        for (BaseType b : BaseType.values()) {
            all.add(new FieldType(b, false));
            all.add(new FieldType(b, true));
        }
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return JsonArbitraries.values(List.of("1", "1.5", "true", "2020-01-01", "12:00", "1 day"), 2);
    }

    @Property(tries = 3000)
    void everyValueIsCoercedOrRefusedWithAMessage(@ForAll("values") JsonNode value, @ForAll("types") FieldType type) {
        try {
            String text = ValueCoercer.coerce(value, type);
            if (text != null && !type.base().isJson()) {
                assertThat(text).as("%s as %s", value, type).doesNotContain("\u0000");
            }
        } catch (ValueCoercer.Mismatch e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
