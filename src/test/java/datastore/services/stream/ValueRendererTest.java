package datastore.services.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

class ValueRendererTest {

    private static final FieldType TIMESTAMPTZ = type("timestamptz");
    private static final FieldType TEXT_ARRAY = type("_text");

    private static FieldType type(String name) {
        return FieldType.parse(name).orElseThrow();
    }

    private static String json(FieldType type, Object v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonSupport.MAPPER.createGenerator(out)) {
            ValueRenderer.writeJson(g, type, v);
        }
        return out.toString();
    }

    @Test
    void timestampsDropFractionAndZoneInJsonAndText() {
        LocalDateTime t = LocalDateTime.of(2005, 3, 1, 0, 0, 0, 500_000_000);
        assertThat(json(FieldType.TIMESTAMP, t)).isEqualTo("\"2005-03-01T00:00:00\"");
        assertThat(ValueRenderer.text(FieldType.TIMESTAMP, t)).isEqualTo("2005-03-01T00:00:00");
    }

    @Test
    void timestampArrayElementsKeepFractionLikeNativeToJson() {
        FieldType array = type("timestamp[]");
        List<LocalDateTime> v = List.of(LocalDateTime.of(2005, 3, 1, 10, 0, 0, 120_000_000));
        assertThat(json(array, v)).isEqualTo("[\"2005-03-01T10:00:00.12\"]");
    }

    @Test
    void timestamptzIsIsoWithOffsetInJsonAndPostgresTextInCsv() {
        OffsetDateTime utc = OffsetDateTime.of(2020, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime india = OffsetDateTime.of(2020, 1, 1, 8, 0, 0, 250_000_000, ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(json(TIMESTAMPTZ, utc)).isEqualTo("\"2020-01-01T08:00:00+00:00\"");
        assertThat(json(TIMESTAMPTZ, india)).isEqualTo("\"2020-01-01T08:00:00.25+05:30\"");
        assertThat(ValueRenderer.text(TIMESTAMPTZ, utc)).isEqualTo("2020-01-01 08:00:00+00");
        assertThat(ValueRenderer.text(TIMESTAMPTZ, india)).isEqualTo("2020-01-01 08:00:00.25+05:30");
    }

    @Test
    void datesTimesIntervalsAndUuidsRenderAsPostgresText() {
        assertThat(json(type("date"), LocalDate.of(2020, 1, 2))).isEqualTo("\"2020-01-02\"");
        assertThat(json(type("time"), LocalTime.of(12, 30))).isEqualTo("\"12:30:00\"");
        assertThat(ValueRenderer.text(type("time"), LocalTime.of(12, 30, 1, 500_000_000)))
                .isEqualTo("12:30:01.5");
        FieldType interval = type("interval");
        assertThat(ValueRenderer.text(interval, Duration.ofHours(26))).isEqualTo("1 day 02:00:00");
        assertThat(ValueRenderer.text(interval, Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(ValueRenderer.text(interval, Duration.ofMinutes(90))).isEqualTo("01:30:00");
        assertThat(ValueRenderer.text(interval, Duration.ZERO)).isEqualTo("00:00:00");
        assertThat(ValueRenderer.text(interval, "1 mon")).isEqualTo("1 mon");
        UUID id = UUID.fromString("0b7e5e3c-5b4c-4b8e-9a4e-3c1f2d3e4f50");
        assertThat(json(type("uuid"), id)).isEqualTo("\"0b7e5e3c-5b4c-4b8e-9a4e-3c1f2d3e4f50\"");
    }

    @Test
    void numericKeepsItsScaleAndNeverUsesExponents() {
        assertThat(json(FieldType.NUMERIC, new BigDecimal("1.50"))).isEqualTo("1.50");
        assertThat(ValueRenderer.text(FieldType.NUMERIC, new BigDecimal("1.50")))
                .isEqualTo("1.50");
        assertThat(json(FieldType.NUMERIC, new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void floatsUsePostgresShortestText() {
        assertThat(json(FieldType.FLOAT8, 1.5)).isEqualTo("1.5");
        assertThat(json(FieldType.FLOAT8, 3.0)).isEqualTo("3");
        assertThat(json(FieldType.FLOAT8, 1e100)).isEqualTo("1e+100");
        assertThat(json(FieldType.FLOAT8, 1e15)).isEqualTo("1e+15");
        assertThat(json(FieldType.FLOAT8, 1e14)).isEqualTo("100000000000000");
        assertThat(json(FieldType.FLOAT8, 0.0001)).isEqualTo("0.0001");
        assertThat(json(FieldType.FLOAT8, 0.00001)).isEqualTo("1e-05");
        assertThat(json(FieldType.FLOAT8, -2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(ValueRenderer.text(FieldType.FLOAT8, 0.1 + 0.2)).isEqualTo("0.30000000000000004");
        FieldType real = new FieldType(BaseType.FLOAT4, false);
        assertThat(json(real, 0.1f)).isEqualTo("0.1");
        assertThat(json(real, 1e6f)).isEqualTo("1e+06");
        assertThat(json(real, (double) 0.1f)).isEqualTo("0.1");
    }

    @Test
    void nonFiniteFloatsAreStringsInJsonAndBareInText() {
        assertThat(json(FieldType.FLOAT8, Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(json(FieldType.FLOAT8, Double.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        assertThat(ValueRenderer.text(FieldType.FLOAT8, Double.POSITIVE_INFINITY))
                .isEqualTo("Infinity");
    }

    @Test
    void booleansAreJsonLiteralsAndPostgresLettersInText() {
        assertThat(json(FieldType.BOOL, true)).isEqualTo("true");
        assertThat(ValueRenderer.text(FieldType.BOOL, true)).isEqualTo("t");
        assertThat(ValueRenderer.text(FieldType.BOOL, false)).isEqualTo("f");
    }

    @Test
    void jsonIsEmbeddedNotDoubleEncodedAndKeepsNumberSpelling() {
        String stored = "{\"a\": [1.50, 1e+100, true, null, \"x\"]}";
        assertThat(json(FieldType.JSON, stored)).isEqualTo("{\"a\":[1.50,1e+100,true,null,\"x\"]}");
        assertThat(json(FieldType.JSON, "\"ñ\"")).isEqualTo("\"ñ\"");
        assertThat(ValueRenderer.text(FieldType.JSON, stored)).isEqualTo(stored);
    }

    @Test
    void invalidJsonTextIsRejected() {
        assertThatThrownBy(() -> json(FieldType.JSON, "{\"a\": ")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> json(FieldType.JSON, "1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> json(FieldType.JSON, "  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsSqlNullExceptForJsonAndArraysWhichCsvShowsAsNull() {
        assertThat(json(FieldType.TEXT, null)).isEqualTo("null");
        assertThat(ValueRenderer.text(FieldType.TEXT, null)).isNull();
        assertThat(ValueRenderer.text(FieldType.INT4, null)).isNull();
        assertThat(ValueRenderer.text(FieldType.JSON, null)).isEqualTo("null");
        assertThat(ValueRenderer.text(TEXT_ARRAY, null)).isEqualTo("null");
    }

    @Test
    void arraysAreCompactJsonArraysInBothForms() {
        List<String> v = List.of("Princess Anna", "Sergius");
        assertThat(json(TEXT_ARRAY, v)).isEqualTo("[\"Princess Anna\",\"Sergius\"]");
        assertThat(ValueRenderer.text(TEXT_ARRAY, v)).isEqualTo("[\"Princess Anna\",\"Sergius\"]");
        assertThat(ValueRenderer.text(TEXT_ARRAY, List.of())).isEqualTo("[]");
        assertThat(ValueRenderer.text(type("_int4"), Arrays.asList(1, null, 3))).isEqualTo("[1,null,3]");
        assertThat(ValueRenderer.text(type("_int4"), List.of(List.of(1, 2), List.of(3, 4))))
                .isEqualTo("[[1,2],[3,4]]");
    }

    @Test
    void supplementaryCharactersAreWrittenAsPlainUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonSupport.MAPPER.createGenerator(out)) {
            ValueRenderer.writeJson(g, FieldType.TEXT, "a\uD83D\uDE00é");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\"a\uD83D\uDE00é\"");
    }

    @Test
    void pythonFloatReprMatchesPython() {
        assertThat(NumberText.pythonFloat(3.0)).isEqualTo("3.0");
        assertThat(NumberText.pythonFloat(1.5)).isEqualTo("1.5");
        assertThat(NumberText.pythonFloat(1e15)).isEqualTo("1000000000000000.0");
        assertThat(NumberText.pythonFloat(1e16)).isEqualTo("1e+16");
        assertThat(NumberText.pythonFloat(1e-5)).isEqualTo("1e-05");
        assertThat(NumberText.pythonFloat(-0.0)).isEqualTo("-0.0");
        assertThat(NumberText.pgFloat8(-0.0)).isEqualTo("-0");
        assertThat(NumberText.pythonFloat(123.456)).isEqualTo("123.456");
    }
}
