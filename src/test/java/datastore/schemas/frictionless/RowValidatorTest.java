package datastore.schemas.frictionless;

import static datastore.schemas.frictionless.TableSchemasTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Row validation, each test named after the frictionless-py test (resource/__spec__/test_validate_*.py) it follows. */
class RowValidatorTest {
    private static ValidationReport validate(String schema, String rows) {
        return validate(schema, rows, ForeignKeyLookup.NONE, ExistingKeys.NONE);
    }

    private static ValidationReport validate(
            String schema, String rows, ForeignKeyLookup lookup, ExistingKeys existing) {
        List<JsonNode> list = new ArrayList<>();
        json(rows).forEach(list::add);
        return new RowValidator(TableSchemas.read(json(schema)), lookup).validate(list, 2, existing);
    }

    /** report.flatten(["rowNumber", "fieldNumber", "type"]) */
    private static List<org.assertj.core.groups.Tuple> flatten(ValidationReport report) {
        return report.errors().stream()
                .map(e -> tuple(e.rowNumber(), e.fieldNumber(), e.type()))
                .toList();
    }

    @Test
    void test_resource_validate_schema_min_length_constraint() {
        ValidationReport r = validate(
                "{'fields':[{'name':'row','type':'integer'},{'name':'word','type':'string','constraints':{'minLength':2}}]}",
                "[[2,'a'],[3,'ab'],[4,'abc'],[5,'abcd'],[6]]");
        assertThat(flatten(r)).containsExactly(tuple(2, 2, "constraint-error"), tuple(6, 2, "missing-cell"));
        assertThat(r.valid()).isFalse();
        assertThat(r.rows()).isEqualTo(5);
    }

    @Test
    void test_resource_validate_schema_max_length_constraint() {
        ValidationReport r = validate(
                "{'fields':[{'name':'row','type':'integer'},{'name':'word','type':'string','constraints':{'maxLength':2}}]}",
                "[[2,'a'],[3,'ab'],[4,'abc'],[5,'abcd']]");
        assertThat(flatten(r)).containsExactly(tuple(4, 2, "constraint-error"), tuple(5, 2, "constraint-error"));
    }

    @Test
    void test_resource_validate_schema_minimum_and_maximum_constraint() {
        String rows = "[[2,1],[3,2],[4,3],[5,4]]";
        assertThat(flatten(validate(
                        "{'fields':[{'name':'row','type':'integer'},{'name':'score','type':'integer','constraints':{'minimum':2}}]}",
                        rows)))
                .containsExactly(tuple(2, 2, "constraint-error"));
        assertThat(flatten(validate(
                        "{'fields':[{'name':'row','type':'integer'},{'name':'score','type':'integer','constraints':{'maximum':'2'}}]}",
                        rows)))
                .containsExactly(tuple(4, 2, "constraint-error"), tuple(5, 2, "constraint-error"));
    }

    @Test
    void test_resource_validate_schema_unique_error_and_type_error() {
        ValidationReport r = validate(
                "{'fields':[{'name':'id','type':'string'},{'name':'unique_number','type':'number','constraints':{'unique':true}}]}",
                "[['a1',100],['a2','bad'],['a3',100],['a4',0],['a5',0]]");
        assertThat(flatten(r))
                .containsExactly(tuple(3, 2, "type-error"), tuple(4, 2, "unique-error"), tuple(6, 2, "unique-error"));
        assertThat(r.errors().get(1).message())
                .isEqualTo(
                        "Row at position \"4\" has unique constraint violation in field \"unique_number\" at position \"2\":"
                                + " the same as in the row at position 2");
        assertThat(r.errors().get(0).message())
                .isEqualTo("Type error in the cell \"bad\" in row \"3\" and field \"unique_number\" at position \"2\":"
                        + " type is \"number/default\"");
    }

    @Test
    void test_resource_validate_schema_primary_key_and_unique_error() {
        // data/unique-field.csv with data/unique-field.json: "ao" repeats in row 10.
        String rows =
                "[['ao','Angola','angola'],['ag','Antigua and Barbuda','antigua-and-barbuda'],['ar','Argentina','argentina'],"
                        + "['am','Armenia','armenia'],['aw','Aruba','aruba'],['au','Australia','australia'],['at','Austria','austria'],"
                        + "['bd','Bangladesh','bangladesh'],['ao','Belgium','belgium']]";
        ValidationReport r = validate(
                "{'fields':[{'name':'id','type':'string','constraints':{'unique':true}},{'name':'name','type':'string'},"
                        + "{'name':'slug','type':'string'}],'primaryKey':'id'}",
                rows);
        assertThat(flatten(r)).containsExactly(tuple(10, 1, "unique-error"), tuple(10, null, "primary-key"));
        assertThat(r.errors().get(1).message())
                .isEqualTo("Row at position \"10\" violates the primary key: the same as in the row at position 2");
    }

    @Test
    void test_resource_validate_schema_primary_key_error_composite_standard_null_key_cell_is_required() {
        ValidationReport r = validate(
                "{'fields':[{'name':'id','type':'integer'},{'name':'name','type':'string'}],'primaryKey':['id','name']}",
                "[[1,'Alex'],[1,'John'],['','Paul'],[1,'John'],['',null]]");
        // frictionless-py: [5, None, primary-key], [6, None, blank-row], [6, None, primary-key]. The standard makes a
        // primary-key field required, so row 4's null id is also a "required" constraint-error here.
        assertThat(flatten(r))
                .containsExactly(
                        tuple(4, 1, "constraint-error"),
                        tuple(5, null, "primary-key"),
                        tuple(6, null, "blank-row"),
                        tuple(6, null, "primary-key"));
        assertThat(r.errors().get(0).note()).isEqualTo("constraint \"required\" is \"True\"");
        assertThat(r.errors().get(3).note()).isEqualTo("cells composing the primary keys are all \"None\"");
    }

    @Test
    void test_resource_validate_schema_foreign_key_error_self_referencing_invalid() {
        String schema =
                "{'fields':[{'name':'id','type':'integer'},{'name':'cat','type':'integer'},{'name':'name','type':'string'}],"
                        + "'foreignKeys':[{'fields':'cat','reference':{'resource':'','fields':'id'}}]}";
        ValidationReport r = validate(
                schema, "[['1','','England'],['2','','France'],['3','1','London'],['4','2','Paris'],['5','6','Rome']]");
        assertThat(flatten(r)).containsExactly(tuple(6, null, "foreign-key"));
        assertThat(r.errors().get(0).message())
                .isEqualTo("Row at position \"6\" violates the foreign key: for \"cat\": values \"6\" not found in the"
                        + " lookup table \"\" as \"id\"");
        // test_resource_validate_schema_foreign_key_error_self_referencing: stored rows count as the table too.
        ForeignKeyLookup stored = (resource, fields, values) -> resource.isEmpty() && values.equals(List.of(6L));
        assertThat(validate(schema, "[['5','6','Rome']]", stored, ExistingKeys.NONE)
                        .valid())
                .isTrue();
    }

    @Test
    void foreign_key_to_another_resource_asks_the_lookup_with_cast_values() {
        String schema = "{'fields':[{'name':'city','type':'string'},{'name':'country','type':'integer'}],"
                + "'foreignKeys':[{'fields':['country'],'reference':{'resource':'countries','fields':['id']}}]}";
        List<List<Object>> asked = new ArrayList<>();
        ForeignKeyLookup lookup = (resource, fields, values) -> {
            assertThat(resource).isEqualTo("countries");
            assertThat(fields).containsExactly("id");
            asked.add(List.copyOf(values));
            return values.equals(List.of(1L));
        };
        ValidationReport r = validate(schema, "[['London','1'],['Paris',2],['Nowhere','']]", lookup, ExistingKeys.NONE);
        assertThat(flatten(r)).containsExactly(tuple(3, null, "foreign-key"));
        assertThat(asked).as("an all-null key is not looked up").containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void existing_keys_in_stored_data_are_primary_key_and_unique_errors() {
        ExistingKeys stored = (fields, values) -> values.equals(List.of(7L)) || values.equals(List.of("x@example.com"));
        ValidationReport r = validate(
                "{'fields':[{'name':'id','type':'integer'},{'name':'mail','type':'string','format':'email',"
                        + "'constraints':{'unique':true}}],'primaryKey':['id']}",
                "[[7,'a@example.com'],[8,'x@example.com'],[9,'b@example.com']]",
                ForeignKeyLookup.NONE,
                stored);
        assertThat(flatten(r)).containsExactly(tuple(2, null, "primary-key"), tuple(3, 2, "unique-error"));
        assertThat(r.errors().get(0).note()).isEqualTo("the same as in a row already stored");
    }

    @Test
    void standard_v2_unique_keys_skip_rows_with_a_null_like_sql() {
        ValidationReport r = validate(
                "{'fields':[{'name':'a','type':'integer'},{'name':'b','type':'string'}],'uniqueKeys':[['a','b']]}",
                "[[1,'x'],[1,'y'],[1,'x'],[2,''],[2,'']]");
        assertThat(flatten(r)).containsExactly(tuple(4, 1, "unique-error"));
        assertThat(r.errors().get(0).fieldName()).isEqualTo("a, b");
    }

    @Test
    void test_resource_validate_schema_extra_headers_and_cells() {
        ValidationReport r = validate("{'fields':[{'name':'id','type':'integer'}]}", "[[1,'english'],[2,'中国人']]");
        assertThat(flatten(r)).containsExactly(tuple(2, 2, "extra-cell"), tuple(3, 2, "extra-cell"));
        assertThat(r.errors().get(0).message())
                .isEqualTo("Row at position \"2\" has an extra value in field at position \"2\"");
    }

    @Test
    void object_rows_by_field_name_an_unknown_key_is_an_extra_cell_an_absent_one_null() {
        ValidationReport r = validate(
                "{'fields':[{'name':'id','type':'integer','constraints':{'required':true}},{'name':'name','type':'string'}]}",
                "[{'id':1,'name':'a'},{'name':'b'},{'id':3,'colour':'red'}]");
        assertThat(r.errors())
                .extracting(RowError::rowNumber, RowError::fieldName, RowError::type)
                .containsExactly(tuple(3, "id", "constraint-error"), tuple(4, "colour", "extra-cell"));
        assertThat(r.castRows())
                .containsExactly(
                        List.of(1L, "a"), java.util.Arrays.asList(null, "b"), java.util.Arrays.asList(3L, null));
    }

    @Test
    void standard_pattern_matches_the_whole_value_where_frictionless_py_anchors_only_the_alternation_ends() {
        // frictionless-py compiles "^a|b$", so "ax" passes there; the standard asks for a whole-value match.
        ValidationReport r = validate(
                "{'fields':[{'name':'p','type':'string','constraints':{'pattern':'a|b'}}]}",
                "[['a'],['b'],['ax'],['xb']]");
        assertThat(flatten(r)).containsExactly(tuple(4, 1, "constraint-error"), tuple(5, 1, "constraint-error"));
    }

    /**
     * Formats, missing values, constraints on cast values, unique and compound primary keys together; the expected
     * errors are those frictionless-py's row and resource code gives (plus the standard's required primary key cell).
     */
    @Test
    void tricky_rows() {
        String schema = "{'fields':["
                + "{'name':'id','type':'integer'},"
                + "{'name':'code','type':'string','constraints':{'pattern':'[A-Z]{2}'}},"
                + "{'name':'amount','type':'number','groupChar':',','bareNumber':false,'constraints':{'minimum':'0'}},"
                + "{'name':'when','type':'date','format':'%d/%m/%Y','constraints':{'maximum':'31/12/2020'}},"
                + "{'name':'flag','type':'boolean','trueValues':['Y'],'falseValues':['N']},"
                + "{'name':'level','type':'string','constraints':{'enum':['low','high']}}],"
                + "'missingValues':['','-','n/a'],'primaryKey':['id','code']}";
        String rows = "["
                + "['1','AB','€1,000.50','01/02/2020','Y','low'],"
                + "['1','AB','5','02/02/2020','N','high'],"
                + "['x','ABC','-5','31/02/2020','yes','mid'],"
                + "['-','n/a','','','',''],"
                + "['2','-','7','01/01/2021','N','low'],"
                + "['3','CD','1.5e3','1/1/2020','N','low'],"
                + "['4','EF'],"
                + "['5','GH','1','01/01/2020','Y','low','extra']]";
        ValidationReport r = validate(schema, rows);
        assertThat(r.errors())
                .extracting(RowError::rowNumber, RowError::fieldName, RowError::type)
                .containsExactly(
                        tuple(3, null, "primary-key"),
                        tuple(4, "id", "type-error"),
                        tuple(4, "code", "constraint-error"),
                        tuple(4, "amount", "constraint-error"),
                        tuple(4, "when", "type-error"),
                        tuple(4, "flag", "type-error"),
                        tuple(4, "level", "constraint-error"),
                        tuple(5, null, "blank-row"),
                        tuple(5, null, "primary-key"),
                        tuple(6, "code", "constraint-error"),
                        tuple(6, "when", "constraint-error"),
                        tuple(8, "amount", "missing-cell"),
                        tuple(8, "when", "missing-cell"),
                        tuple(8, "flag", "missing-cell"),
                        tuple(8, "level", "missing-cell"),
                        tuple(9, "", "extra-cell"));
        assertThat(r.errors())
                .extracting(RowError::message)
                .contains(
                        "Type error in the cell \"x\" in row \"4\" and field \"id\" at position \"1\": type is \"integer/default\"",
                        "The cell \"ABC\" in row at position \"4\" and field \"code\" at position \"2\" does not conform to a"
                                + " constraint: constraint \"pattern\" is \"[A-Z]{2}\"",
                        "The cell \"-5\" in row at position \"4\" and field \"amount\" at position \"3\" does not conform to a"
                                + " constraint: constraint \"minimum\" is \"0\"",
                        "The cell \"mid\" in row at position \"4\" and field \"level\" at position \"6\" does not conform to a"
                                + " constraint: constraint \"enum\" is \"['low', 'high']\"",
                        "Type error in the cell \"31/02/2020\" in row \"4\" and field \"when\" at position \"4\": type is"
                                + " \"date/%d/%m/%Y\"",
                        "The cell \"-\" in row at position \"6\" and field \"code\" at position \"2\" does not conform to a"
                                + " constraint: constraint \"required\" is \"True\"",
                        "Row at position \"5\" is completely blank",
                        "Row at position \"8\" has a missing cell in field \"amount\" at position \"3\"");
        assertThat(r.castRows().get(0))
                .containsExactly(1L, "AB", new BigDecimal("1000.50"), LocalDate.of(2020, 2, 1), true, "low");
        assertThat(r.castRows().get(5).get(2)).isEqualTo(new BigDecimal("1.5e3"));
        assertThat(r.toJson().path("stats").path("errors").asInt()).isEqualTo(16);
        assertThat(r.toJson().path("valid").asBoolean()).isFalse();
    }

    @Test
    void report_json_is_frictionless_shaped() {
        ValidationReport r = validate("{'fields':[{'name':'n','type':'integer'}]}", "[['z']]");
        JsonNode e = r.toJson().path("errors").get(0);
        assertThat(e.path("type").asString()).isEqualTo("type-error");
        assertThat(e.path("title").asString()).isEqualTo("Type Error");
        assertThat(e.path("rowNumber").asInt()).isEqualTo(2);
        assertThat(e.path("fieldName").asString()).isEqualTo("n");
        assertThat(e.path("fieldNumber").asInt()).isEqualTo(1);
        assertThat(e.path("cell").asString()).isEqualTo("z");
        assertThat(e.path("note").asString()).isEqualTo("type is \"integer/default\"");
        assertThat(validate("{'fields':[{'name':'n','type':'integer'}]}", "[['1']]")
                        .toJson()
                        .toString())
                .isEqualTo("{\"valid\":true,\"stats\":{\"rows\":1,\"errors\":0},\"warnings\":[],\"errors\":[]}");
    }
}
