package datastore.schemas.frictionless;

import static datastore.schemas.frictionless.TableSchemasTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Any cell text, for any type and format, is read or refused with a row error: the validator never throws. */
class FrictionlessFuzzTest {
    private static final List<String> FIELDS = List.of(
            "{'name':'a','type':'string','format':'email'}",
            "{'name':'a','type':'string','format':'uri'}",
            "{'name':'a','type':'string','format':'binary'}",
            "{'name':'a','type':'number','groupChar':',','bareNumber':false,'constraints':{'minimum':0}}",
            "{'name':'a','type':'integer','constraints':{'enum':[1,2]}}",
            "{'name':'a','type':'boolean'}",
            "{'name':'a','type':'date','format':'any'}",
            "{'name':'a','type':'date','format':'%d %B %Y'}",
            "{'name':'a','type':'time'}",
            "{'name':'a','type':'datetime','constraints':{'maximum':'2030-01-01T00:00:00'}}",
            "{'name':'a','type':'datetime','format':'%Y-%m-%dT%H:%M:%S.%f%z'}",
            "{'name':'a','type':'year'}",
            "{'name':'a','type':'yearmonth'}",
            "{'name':'a','type':'duration'}",
            "{'name':'a','type':'geopoint'}",
            "{'name':'a','type':'geojson'}",
            "{'name':'a','type':'object','constraints':{'maxLength':2}}",
            "{'name':'a','type':'list','itemType':'number'}",
            "{'name':'a','type':'string','constraints':{'pattern':'[a-z]+','unique':true}}");

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("0123456789-:.,+TZPYMDHSWe %/ ").ofMaxLength(30),
                Arbitraries.of(
                        "1e999999999",
                        "-INF",
                        "NaN",
                        "24:00:00",
                        "9999-12-31T23:59:59+14:00",
                        "P1.5Y",
                        "[1,2]",
                        "{\"type\":\"Point\",\"coordinates\":[1]}",
                        "00:00:60",
                        "Feb 30 2020",
                        "12:00 pm"));
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of(FIELDS);
    }

    @Property(tries = 400)
    void any_text_cell_is_read_or_reported(@ForAll("fields") String field, @ForAll("cells") String cell) {
        TableSchema schema = TableSchemas.read(json("{'fields':[" + field + "]}"));
        JsonNode row = JsonNodeFactory.instance.arrayNode().add(cell);
        ValidationReport report =
                new RowValidator(schema, ForeignKeyLookup.NONE).validate(List.of(row, row), 2, ExistingKeys.NONE);
        assertThat(report.rows()).isEqualTo(2);
        assertThat(report.valid()).isEqualTo(report.errors().isEmpty());
        report.errors().forEach(e -> assertThat(e.message()).isNotBlank());
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.of(
                "1",
                "-1",
                "1.5",
                "true",
                "null",
                "'x'",
                "''",
                "[]",
                "{}",
                "['a']",
                "[1,'2']",
                "'%Y'",
                "'%Q'",
                "'any'",
                "'default'",
                "'[a-'",
                "'2020-01-01'",
                "{'value':'-'}",
                "[{'value':1}]");
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of(
                "'string'",
                "'integer'",
                "'number'",
                "'date'",
                "'datetime'",
                "'time'",
                "'boolean'",
                "'list'",
                "'duration'",
                "'geopoint'",
                "'object'",
                "'any'",
                "'bogus'",
                "3");
    }

    @Provide
    Arbitrary<String> constraints() {
        return Arbitraries.of(
                "required",
                "unique",
                "minLength",
                "maxLength",
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "pattern",
                "enum",
                "jsonSchema",
                "colour");
    }

    @Property(tries = 400)
    void any_descriptor_gets_problems_or_reads(
            @ForAll("types") String type,
            @ForAll("jsonValues") String format,
            @ForAll("constraints") String constraint,
            @ForAll("jsonValues") String value,
            @ForAll("jsonValues") String primaryKey,
            @ForAll("jsonValues") String missing) {
        JsonNode descriptor = json("{'fields':[{'name':'a','type':" + type + ",'format':" + format + ",'constraints':{'"
                + constraint + "':" + value + "}},{'name':'b'}],'primaryKey':" + primaryKey + ",'missingValues':"
                + missing + "}");
        List<SchemaProblem> problems = TableSchemas.problems(descriptor);
        if (problems.isEmpty()) {
            TableSchema schema = TableSchemas.read(descriptor);
            JsonNode row = JsonNodeFactory.instance.arrayNode().add("1").add("x");
            assertThat(new RowValidator(schema, ForeignKeyLookup.NONE)
                            .validate(List.of(row), 2, ExistingKeys.NONE)
                            .rows())
                    .isEqualTo(1);
        } else {
            problems.forEach(p -> assertThat(p.pointer()).startsWith("/"));
        }
    }
}
