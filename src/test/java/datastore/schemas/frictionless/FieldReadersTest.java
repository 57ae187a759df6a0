package datastore.schemas.frictionless;

import static datastore.schemas.frictionless.TableSchemasTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases of frictionless-py's {@code fields/__spec__/test_*.py} read_cell tables. Each row: format or field options
 * (JSON object text, single quotes), the source cell as JSON (single quotes for strings), and the expected value's
 * text ("None" for a failed cast or a missing value), as Python would print it.
 */
class FieldReadersTest {
    static @Nullable Object read(String type, @Nullable String options, String source) {
        options = options == null ? "" : options;
        String descriptor = "{'name':'f','type':'" + type + "'" + (options.isEmpty() ? "" : "," + options) + "}";
        TableSchema schema = TableSchemas.read(json("{'fields':[" + descriptor + "]}"));
        CellReader reader = new CellReader(schema.fields().get(0), schema.missingValues());
        return reader.read(json(source)).value();
    }

    private static String text(@Nullable Object v) {
        return PyText.str(v);
    }

    @ParameterizedTest(name = "test_integer_read_cell {1} {0} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "|1|1",
                "|9223372036854775808|9223372036854775808",
                "|'1'|1",
                "|1.0|1",
                "|'000835'|835",
                "|'00'|0",
                "|' 01 '|1",
                "|'0.0003'|None",
                "'bareNumber':false|'1$'|1",
                "'bareNumber':false|'ab1$'|1",
                "'bareNumber':false|'-12 €'|-12",
                "'bareNumber':false|'€ -12'|-12",
                "|true|None",
                "|3.14|None",
                "|'3.14'|None",
                "|''|None",
                "'groupChar':' '|'1 000'|1000",
            })
    void test_integer_read_cell(@Nullable String options, String source, String expected) {
        assertThat(text(read("integer", options, source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_number_read_cell {1} {0} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "|1|1",
                "|'1'|1",
                "|'10.00'|10.00",
                "|24.122667|24.122667",
                "|'000835'|835",
                "|'0.003'|0.003",
                "'bareNumber':false|'-12.3 €'|-12.3",
                "'bareNumber':false|'€ -12.3'|-12.3",
                "'bareNumber':false|'100%'|100",
                "'bareNumber':false|'1000‰'|1000",
                "|'-1000'|-1000",
                "'groupChar':','|'10,000,000.50'|10000000.50",
                "'groupChar':'#'|'10.50'|10.50",
                "'groupChar':'#','decimalChar':'@'|'10#000#000@50'|10000000.50",
                "'groupChar':'.','decimalChar':','|'10.000.000,00'|10000000.00",
                "'decimalChar':','|'10.5'|None",
                "'bareNumber':false|'$10000.00'|10000.00",
                "'groupChar':',','bareNumber':false|'  10,000.00 €'|10000.00",
                "'groupChar':' ','decimalChar':','|'10 000 000,00'|10000000.00",
                "'groupChar':' ','decimalChar':',','bareNumber':false|'  10 000,00 £'|10000.00",
                "|true|None",
                "|'10,000a.00'|None",
                "|'10+000.00'|None",
                "|'string'|None",
                "|''|None",
                "|'NaN'|NaN",
                "|'INF'|Infinity",
                "|'-INF'|-Infinity",
                "|'1e3'|1E+3",
            })
    void test_number_read_cell(@Nullable String options, String source, String expected) {
        assertThat(text(read("number", options, source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_boolean_read_cell {1} {0} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "|true|True",
                "|'true'|True",
                "|'TRUE'|True",
                "|'1'|True",
                "'trueValues':['yes']|'yes'|True",
                "|'0'|False",
                "'falseValues':['no']|'no'|False",
                "|'t'|None",
                "|'YES'|None",
                "|0|None",
                "|1|None",
                "|''|None",
                "'trueValues':['yes']|'true'|None",
                "'falseValues':['no']|'0'|None",
            })
    void test_boolean_read_cell(@Nullable String options, String source, String expected) {
        assertThat(text(read("boolean", options, source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_date_read_cell {0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "default|'2019-01-01'|2019-01-01",
                "default|'10th Jan 1969'|None",
                "default|'invalid'|None",
                "default|true|None",
                "default|''|None",
                "any|'2019-01-01'|2019-01-01",
                "any|'10th Jan 1969'|1969-01-10",
                "any|'10th Jan nineteen sixty nine'|None",
                "any|'invalid'|None",
                "%d/%m/%y|'21/11/06'|2006-11-21",
                "%y/%m/%d|'21/11/06 16:30'|None",
                "%d/%m/%y|'invalid'|None",
                "fmt:%d/%m/%y|'21/11/06'|2006-11-21",
                "%Y-%m-%d|'2019-1-5'|2019-01-05",
                "%d %B %Y|'5 JUNE 2019'|2019-06-05",
                "%d/%m/%Y|'31/02/2019'|None",
                "%j/%Y|'032/2019'|2019-02-01",
            })
    void test_date_read_cell(String format, String source, String expected) {
        assertThat(text(read("date", "'format':'" + format + "'", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_datetime_read_cell {0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "default|'2014-01-01T06:00:00'|2014-01-01 06:00:00",
                "default|'2014-01-01T06:00:00Z'|2014-01-01 06:00:00+00:00",
                "default|'2014-01-01T06:00:00+01:00'|2014-01-01 06:00:00+01:00",
                "default|'2014-01-01T06:00:00+1:00'|None",
                "default|'2014-01-01 06:00:00'|2014-01-01 06:00:00",
                "default|'Mon 1st Jan 2014 9 am'|None",
                "default|'2014-01-01T06:00'|None",
                "default|true|None",
                "any|'2014-01-01T06:00:00Z'|2014-01-01 06:00:00+00:00",
                "any|'10th Jan 1969 9 am'|1969-01-10 09:00:00",
                "any|'invalid'|None",
                "%d/%m/%y %H:%M|'21/11/06 16:30'|2006-11-21 16:30:00",
                "%H:%M %d/%m/%y|'21/11/06 16:30'|None",
                "%d/%m/%Y %I:%M %p|'21/11/2006 4:30 pm'|2006-11-21 16:30:00",
                "%Y-%m-%dT%H:%M:%S%z|'2006-11-21T16:30:00+0200'|2006-11-21 16:30:00+02:00",
            })
    void test_datetime_read_cell(String format, String source, String expected) {
        assertThat(text(read("datetime", "'format':'" + format + "'", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_time_read_cell {0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "default|'06:00:00'|06:00",
                "default|'06:00:00Z'|06:00Z",
                "default|'06:00:00+01:00'|06:00+01:00",
                "default|'06:00:00+1:00'|None",
                "default|'09:00'|None",
                "default|'3 am'|None",
                "default|'3.00'|None",
                "default|true|None",
                "any|'06:00:00'|06:00",
                "any|'3:00 am'|03:00",
                "any|'some night'|None",
                "%H:%M|'06:00'|06:00",
                "%M:%H|'06:50'|None",
                "%H:%M|'3:00 am'|None",
                "fmt:%H:%M|'06:00'|06:00",
            })
    void test_time_read_cell(String format, String source, String expected) {
        assertThat(text(read("time", "'format':'" + format + "'", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_year_read_cell {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {"2000|2000", "'2000'|2000", "-2000|None", "20000|None", "'3.14'|None", "''|None"})
    void test_year_read_cell(String source, String expected) {
        assertThat(text(read("year", "", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_yearmonth_read_cell {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "[2000, 10]|2000-10",
                "'2000-10'|2000-10",
                "[2000, 10, 20]|None",
                "'2000-13-20'|None",
                "'2000-13'|None",
                "'2000-0'|None",
                "'13'|None",
                "-10|None",
                "'3.14'|None",
                "''|None",
            })
    void test_yearmonth_read_cell(String source, String expected) {
        assertThat(text(read("yearmonth", "", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_duration_read_cell {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "'P1Y10M3DT5H11M7S'|P22MT277867S",
                "'P1Y'|P12M",
                "'P1M'|P1M",
                "'PT1S'|PT1S",
                "'P1M1Y'|None",
                "'P-1Y'|None",
                "'year'|None",
                "true|None",
                "1|None",
                "''|None",
                "[]|None",
                "{}|None",
            })
    void test_duration_read_cell(String source, String expected) {
        assertThat(text(read("duration", "", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_geopoint_read_cell {0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "default|[180, 90]|[180, 90]",
                "default|'180,90'|[180, 90]",
                "default|'180, -90'|[180, -90]",
                "default|{'lon': 180, 'lat': 90}|None",
                "default|'181,90'|None",
                "default|'0,91'|None",
                "default|'string'|None",
                "default|1|None",
                "default|'3.14'|None",
                "array|[180, 90]|[180, 90]",
                "array|'[180, -90]'|[180, -90]",
                "array|[181, 90]|None",
                "array|'180,90'|None",
                "object|'{\\u0022lon\\u0022: 180, \\u0022lat\\u0022: 90}'|[180, 90]",
                "object|'[180, -90]'|None",
                "object|{'lon': 181, 'lat': 90}|None",
                "object|'180,90'|None",
            })
    void test_geopoint_read_cell(String format, String source, String expected) {
        assertThat(text(read("geopoint", "'format':'" + format + "'", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_string_read_cell {0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "default|'string'|string",
                "default|''|None",
                "default|0|None",
                "uri|'http://google.com'|http://google.com",
                "uri|'://no-scheme.test'|None",
                "uri|'string'|None",
                "email|'name@gmail.com'|name@gmail.com",
                "email|'http://google.com'|None",
                "email|'string'|None",
                "email|0|None",
                "binary|'dGVzdA=='|dGVzdA==",
                "binary|'string'|None",
                "uuid|'95ecc380-afe9-11e4-9b6c-751b66dd541e'|95ecc380-afe9-11e4-9b6c-751b66dd541e",
                "uuid|'95ecc380afe911e49b6c751b66dd541e'|None",
            })
    void test_string_read_cell(String format, String source, String expected) {
        assertThat(text(read("string", "'format':'" + format + "'", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "test_object_and_array_read_cell {0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "object|{'key': 'value'}|{'key': 'value'}",
                "object|'{\\u0022key\\u0022: \\u0022value\\u0022}'|{'key': 'value'}",
                "object|'string'|None",
                "object|1|None",
                "object|'3.14'|None",
                "object|'[]'|None",
                "array|['val1', 'val2']|['val1', 'val2']",
                "array|'[\\u0022val1\\u0022, \\u0022val2\\u0022]'|['val1', 'val2']",
                "array|'string'|None",
                "array|'{}'|None",
                "any|1|1",
                "any|'x'|x",
                "any|true|True",
            })
    void test_object_and_array_read_cell(String type, String source, String expected) {
        assertThat(text(read(type, "", source))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "standard_list_read_cell {0} {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "|'a,b,c'|['a', 'b', 'c']",
                "'itemType':'integer'|'1,2,3'|[1, 2, 3]",
                "'itemType':'integer','delimiter':';'|'1;2'|[1, 2]",
                "'itemType':'integer'|'1,x'|None",
                "'itemType':'boolean'|[true, 'false']|[True, False]",
                "'itemType':'date'|'2020-01-01,2020-02-01'|['2020-01-01', '2020-02-01']",
            })
    void standard_v2_list_read_cell(@Nullable String options, String source, String expected) {
        assertThat(text(read("list", options, source))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void cast_values_are_java_values_for_writing() {
        assertThat(read("integer", "", "'12'")).isEqualTo(12L);
        assertThat(read("number", "", "'1.50'")).isEqualTo(new BigDecimal("1.50"));
        assertThat(read("date", "", "'2020-02-29'")).isEqualTo(LocalDate.of(2020, 2, 29));
        assertThat(read("time", "", "'10:20:30.5'")).isEqualTo(LocalTime.of(10, 20, 30, 500_000_000));
        assertThat(read("time", "", "'10:20:30Z'")).isEqualTo(OffsetTime.of(10, 20, 30, 0, ZoneOffset.UTC));
        assertThat(read("datetime", "", "'2020-01-01T10:00:00'")).isEqualTo(LocalDateTime.of(2020, 1, 1, 10, 0));
        assertThat(read("datetime", "", "'2020-01-01T10:00:00-05:00'"))
                .isEqualTo(OffsetDateTime.of(2020, 1, 1, 10, 0, 0, 0, ZoneOffset.ofHours(-5)));
        assertThat(read("year", "", "'2020'")).isEqualTo(2020);
        assertThat(read("yearmonth", "", "'2020-03'")).isEqualTo(YearMonth.of(2020, 3));
        assertThat(read("duration", "", "'P1DT1H'")).hasToString("PT90000S");
    }
}
