package datastore.schemas.frictionless;

import static datastore.schemas.frictionless.TableSchemasTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnTypesTest {
    private static SchemaField field(String descriptor) {
        return TableSchemas.read(json("{'fields':[" + descriptor + "]}"))
                .fields()
                .get(0);
    }

    @Test
    void each_type_has_its_column_type() {
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'string','format':'email'}")))
                .isEqualTo("text");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'integer'}"))).isEqualTo("int8");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'number'}"))).isEqualTo("numeric");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'boolean'}"))).isEqualTo("bool");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'date','format':'any'}")))
                .isEqualTo("date");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'time'}"))).isEqualTo("time");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'datetime'}")))
                .isEqualTo("timestamp");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'duration'}")))
                .isEqualTo("interval");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'geojson'}"))).isEqualTo("json");
        assertThat(ColumnTypes.ckanType(field("{'name':'a','type':'list'}"))).isEqualTo("json");
        assertThat(ColumnTypes.ckanType(field("{'name':'a'}"))).isEqualTo("text");
    }

    @Test
    void widening_keeps_every_value_valid() {
        SchemaField integer = field("{'name':'a','type':'integer'}");
        SchemaField number = field("{'name':'a','type':'number'}");
        SchemaField text = field("{'name':'a','type':'string'}");
        SchemaField email = field("{'name':'a','type':'string','format':'email'}");
        assertThat(ColumnTypes.widens(integer, number)).isTrue();
        assertThat(ColumnTypes.widens(number, integer)).isFalse();
        assertThat(ColumnTypes.widens(integer, text)).isTrue();
        assertThat(ColumnTypes.widens(email, text)).isTrue();
        assertThat(ColumnTypes.widens(text, email)).isFalse();
        assertThat(ColumnTypes.widens(
                        field("{'name':'a','type':'date'}"), field("{'name':'a','type':'date','format':'any'}")))
                .isTrue();
        assertThat(ColumnTypes.widens(field("{'name':'a','type':'boolean'}"), integer))
                .isFalse();
    }

    @Test
    void a_new_or_tighter_constraint_does_not_widen() {
        SchemaField free = field("{'name':'a','type':'integer'}");
        SchemaField bounded = field("{'name':'a','type':'integer','constraints':{'maximum':10}}");
        SchemaField required = field("{'name':'a','type':'integer','constraints':{'required':true}}");
        assertThat(ColumnTypes.widens(free, bounded)).isFalse();
        assertThat(ColumnTypes.widens(bounded, free)).isTrue();
        assertThat(ColumnTypes.widens(bounded, bounded)).isTrue();
        assertThat(ColumnTypes.widens(free, required)).isFalse();
        assertThat(ColumnTypes.widens(required, free)).isTrue();
    }
}
