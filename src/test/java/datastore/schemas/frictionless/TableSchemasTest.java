package datastore.schemas.frictionless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.json.JsonMappers;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TableSchemasTest {
    static JsonNode json(String text) {
        return JsonMappers.standard().readTree(text.replace('\'', '"'));
    }

    private static List<String> pointers(String descriptor) {
        return TableSchemas.problems(json(descriptor)).stream()
                .map(SchemaProblem::pointer)
                .toList();
    }

    @Test
    void test_schema_descriptor_reads_fields_keys_and_missing_values() {
        TableSchema s = TableSchemas.read(json("{'fields':[{'name':'id','type':'integer'},"
                + "{'name':'height','type':'number','constraints':{'unique':true}},{'name':'when','type':'date','format':'%d/%m/%Y'}],"
                + "'primaryKey':'id','missingValues':['','-'],"
                + "'foreignKeys':[{'fields':'id','reference':{'resource':'','fields':'height'}}]}"));
        assertThat(s.fieldNames()).containsExactly("id", "height", "when");
        assertThat(s.field("id").kind()).isEqualTo(FieldKind.INTEGER);
        assertThat(s.field("id").required())
                .as("primary-key fields are implicitly required")
                .isTrue();
        assertThat(s.field("height").unique()).isTrue();
        assertThat(s.field("when").format()).isEqualTo("%d/%m/%Y");
        assertThat(s.field("nope")).isNull();
        assertThat(s.primaryKey()).containsExactly("id");
        assertThat(s.missingValues()).containsExactly("", "-");
        assertThat(s.foreignKeys()).containsExactly(new ForeignKey(List.of("id"), "", List.of("height")));
        assertThat(s.foreignKeys().get(0).selfReference()).isTrue();
    }

    @Test
    void missing_type_is_any_undeclared_and_v2_but_string_in_v1() {
        assertThat(TableSchemas.read(json("{'fields':[{'name':'a'}]}"))
                        .fields()
                        .get(0)
                        .kind())
                .isEqualTo(FieldKind.ANY);
        assertThat(TableSchemas.read(json("{'$schema':'https://frictionlessdata.io/profiles/1.0/tableschema.json',"
                                + "'fields':[{'name':'a'}]}"))
                        .fields()
                        .get(0)
                        .kind())
                .isEqualTo(FieldKind.STRING);
        assertThat(TableSchemas.read(json("{'fields':[{'name':'a'}]}")).missingValues())
                .containsExactly("");
    }

    @Test
    void test_schema_metadata_not_valid_every_problem_at_once_with_its_pointer() {
        assertThat(pointers("{'fields':[{'name':'a','type':'bogus'},{'type':'string'},{'name':'c','type':'integer',"
                        + "'format':'email','constraints':{'pattern':'x','minLength':-1}}],"
                        + "'primaryKey':['zz'],'missingValues':[1]}"))
                .containsExactlyInAnyOrder(
                        "/fields/0/type",
                        "/fields/1/name",
                        "/fields/2/format",
                        "/fields/2/constraints/pattern",
                        "/fields/2/constraints/minLength",
                        "/primaryKey/0",
                        "/missingValues/0");
    }

    @Test
    void fields_are_required_and_must_be_an_array_of_objects() {
        assertThat(pointers("{}")).containsExactly("/fields");
        assertThat(pointers("{'fields':{}}")).containsExactly("/fields");
        assertThat(pointers("{'fields':[1]}")).containsExactly("/fields/0");
        assertThat(pointers("[]")).containsExactly("");
    }

    @Test
    void test_schema_duplicate_field_names_are_reported() {
        assertThat(TableSchemas.problems(json("{'fields':[{'name':'a'},{'name':'a'}]}")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/fields/1/name");
                    assertThat(p.message()).contains("\"a\"");
                });
    }

    @Test
    void formats_by_type() {
        assertThat(pointers("{'fields':[{'name':'a','type':'string','format':'uuid'},"
                        + "{'name':'b','type':'geopoint','format':'array'},{'name':'c','type':'geojson','format':'topojson'},"
                        + "{'name':'d','type':'datetime','format':'any'},{'name':'e','type':'time','format':'%H:%M'},"
                        + "{'name':'f','type':'date','format':'fmt:%Y'}]}"))
                .isEmpty();
        assertThat(pointers("{'fields':[{'name':'a','type':'date','format':'YYYY'},"
                        + "{'name':'b','type':'geopoint','format':'topojson'},{'name':'c','format':5}]}"))
                .containsExactly("/fields/0/format", "/fields/1/format", "/fields/2/format");
    }

    @Test
    void constraints_the_type_does_not_support_are_reported() {
        assertThat(pointers("{'fields':[{'name':'a','type':'boolean','constraints':{'minimum':1,'pattern':'x'}},"
                        + "{'name':'b','type':'integer','constraints':{'maxLength':3,'colour':'red'}},"
                        + "{'name':'c','type':'string','constraints':{'required':'yes','enum':[]}}]}"))
                .containsExactlyInAnyOrder(
                        "/fields/0/constraints/minimum",
                        "/fields/0/constraints/pattern",
                        "/fields/1/constraints/maxLength",
                        "/fields/1/constraints/colour",
                        "/fields/2/constraints/required",
                        "/fields/2/constraints/enum");
    }

    @Test
    void v2_constraints_are_refused_in_a_v1_schema() {
        String fields = "'fields':[{'name':'a','type':'integer','constraints':{'exclusiveMinimum':1}}]";
        assertThat(pointers("{" + fields + "}")).isEmpty();
        assertThat(pointers("{'$schema':'https://frictionlessdata.io/profiles/1.0/tableschema.json'," + fields + "}"))
                .containsExactly("/fields/0/constraints/exclusiveMinimum");
    }

    @Test
    void test_schema_foreign_keys_must_reference_existing_fields_with_equal_counts() {
        assertThat(pointers("{'fields':[{'name':'a'},{'name':'b'}],'foreignKeys':["
                        + "{'fields':['a','b'],'reference':{'resource':'other','fields':['x']}},"
                        + "{'fields':['zz'],'reference':{'fields':['nope']}},"
                        + "{'fields':'a'}]}"))
                .containsExactly(
                        "/foreignKeys/0/reference/fields",
                        "/foreignKeys/1/fields/0",
                        "/foreignKeys/1/reference/fields/0",
                        "/foreignKeys/2/reference");
        TableSchema s = TableSchemas.read(
                json("{'fields':[{'name':'a'}],'foreignKeys':[{'fields':['a'],'reference':{'fields':['a']}}]}"));
        assertThat(s.foreignKeys().get(0).resource())
                .as("v2 omits resource for a self-reference")
                .isEmpty();
    }

    @Test
    void unique_keys_must_name_fields() {
        TableSchema s =
                TableSchemas.read(json("{'fields':[{'name':'a'},{'name':'b'}],'uniqueKeys':[['a','b'],['b']]}"));
        assertThat(s.uniqueKeys()).containsExactly(List.of("a", "b"), List.of("b"));
        assertThat(pointers("{'fields':[{'name':'a'}],'uniqueKeys':[['a','q'],'a']}"))
                .containsExactly("/uniqueKeys/0/1", "/uniqueKeys/1");
    }

    @Test
    void v2_labelled_missing_values_read_as_their_values() {
        TableSchema s = TableSchemas.read(
                json("{'fields':[{'name':'a'}],'missingValues':['',{'value':'-99','label':'REFUSED'}]}"));
        assertThat(s.missingValues()).containsExactly("", "-99");
        assertThat(pointers("{'$schema':'https://datapackage.org/profiles/1.0/tableschema.json',"
                        + "'fields':[{'name':'a'}],'missingValues':[{'value':'-99'}]}"))
                .containsExactly("/missingValues/0");
    }

    @Test
    void read_throws_with_every_problem() {
        assertThatThrownBy(() -> TableSchemas.read(json("{'fields':[{'name':'a','type':'x'}],'primaryKey':'b'}")))
                .isInstanceOfSatisfying(InvalidSchemaException.class, e -> assertThat(e.problems())
                        .extracting(SchemaProblem::pointer)
                        .containsExactly("/fields/0/type", "/primaryKey"));
    }

    @Test
    void canonical_json_sorts_keys_and_the_hash_ignores_key_order_and_whitespace() {
        JsonNode a = json("{'fields':[{'type':'integer','name':'a'}], 'primaryKey':['a']}");
        JsonNode b = json("{ 'primaryKey' : ['a'],'fields':[{'name':'a','type':'integer'}]}");
        assertThat(TableSchemas.canonicalJson(a))
                .isEqualTo("{\"fields\":[{\"name\":\"a\",\"type\":\"integer\"}],\"primaryKey\":[\"a\"]}");
        assertThat(TableSchemas.hash(a)).isEqualTo(TableSchemas.hash(b)).matches("[0-9a-f]{64}");
        assertThat(TableSchemas.hash(json("{'fields':[{'name':'b','type':'integer'}],'primaryKey':['a']}")))
                .isNotEqualTo(TableSchemas.hash(a));
    }
}
