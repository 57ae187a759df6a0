package datastore.services.stream;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.schemas.types.FieldType;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

class RecordsWriterTest {

    private static final List<OutputField> FIELDS = List.of(
            new OutputField("_id", FieldType.INT4),
            new OutputField("book", FieldType.TEXT),
            new OutputField("price", FieldType.NUMERIC),
            new OutputField("tags", FieldType.parse("_text").orElseThrow()));

    private static ListRowSource rows() {
        return ListRowSource.of(
                FIELDS,
                new Object[] {1, "anna, karenina", new java.math.BigDecimal("1.50"), List.of("a", "b")},
                new Object[] {2, "war \"and\" peace", null, null},
                new Object[] {3, "", null, List.of()});
    }

    private static String records(RecordsWriter writer, RowSource rows, long[] count) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonSupport.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeName("records");
            count[0] = writer.write(rows, g);
            g.writeEndObject();
        }
        return out.toString();
    }

    @Test
    void objectsAreKeyedByFieldIdInFieldOrder() {
        long[] count = new long[1];
        String out = records(RecordsJsonWriter.objects(), rows(), count);
        assertThat(count[0]).isEqualTo(3);
        assertThat(out)
                .isEqualTo("{\"records\":["
                        + "{\"_id\":1,\"book\":\"anna, karenina\",\"price\":1.50,\"tags\":[\"a\",\"b\"]},"
                        + "{\"_id\":2,\"book\":\"war \\\"and\\\" peace\",\"price\":null,\"tags\":null},"
                        + "{\"_id\":3,\"book\":\"\",\"price\":null,\"tags\":[]}]}");
    }

    @Test
    void listsAreArraysInFieldOrder() {
        long[] count = new long[1];
        String out = records(RecordsJsonWriter.lists(), rows(), count);
        assertThat(count[0]).isEqualTo(3);
        assertThat(out)
                .isEqualTo("{\"records\":["
                        + "[1,\"anna, karenina\",1.50,[\"a\",\"b\"]],"
                        + "[2,\"war \\\"and\\\" peace\",null,null],"
                        + "[3,\"\",null,[]]]}");
    }

    @Test
    void emptyResultIsAnEmptyArrayForObjectsAndLists() {
        long[] count = new long[1];
        assertThat(records(RecordsJsonWriter.objects(), ListRowSource.of(FIELDS), count))
                .isEqualTo("{\"records\":[]}");
        assertThat(count[0]).isZero();
    }

    @Test
    void csvRecordsAreOneStringWithoutHeaderAndWithCopyQuoting() {
        long[] count = new long[1];
        String out = records(RecordsTextWriter.csv(), rows(), count);
        assertThat(count[0]).isEqualTo(3);
        // NULL is an empty field, the empty string is "", a NULL array is null.
        String expected = "1,\"anna, karenina\",1.50,\"[\"\"a\"\",\"\"b\"\"]\"\n"
                + "2,\"war \"\"and\"\" peace\",,null\n"
                + "3,\"\",,[]\n";
        assertThat(out).isEqualTo("{\"records\":" + quote(expected) + "}");
    }

    @Test
    void tsvRecordsUseTabsButStillCsvQuoting() {
        long[] count = new long[1];
        String out = records(RecordsTextWriter.tsv(), rows(), count);
        String expected = "1\tanna, karenina\t1.50\t\"[\"\"a\"\",\"\"b\"\"]\"\n"
                + "2\t\"war \"\"and\"\" peace\"\t\tnull\n"
                + "3\t\"\"\t\t[]\n";
        assertThat(out).isEqualTo("{\"records\":" + quote(expected) + "}");
    }

    @Test
    void tsvQuotesValuesContainingTabsOrNewlines() {
        List<OutputField> fields = List.of(new OutputField("a", FieldType.TEXT), new OutputField("b", FieldType.TEXT));
        long[] count = new long[1];
        String out = records(RecordsTextWriter.tsv(), ListRowSource.of(fields, new Object[] {"x\ty", "l1\nl2"}), count);
        assertThat(out).isEqualTo("{\"records\":" + quote("\"x\ty\"\t\"l1\nl2\"\n") + "}");
    }

    @Test
    void emptyCsvResultIsAnEmptyString() {
        long[] count = new long[1];
        assertThat(records(RecordsTextWriter.csv(), ListRowSource.of(FIELDS), count))
                .isEqualTo("{\"records\":\"\"}");
    }

    @Test
    void recordsFormatNamesSelectWriters() {
        assertThat(RecordsWriter.forFormat("objects")).containsSame(RecordsJsonWriter.objects());
        assertThat(RecordsWriter.forFormat("lists")).containsSame(RecordsJsonWriter.lists());
        assertThat(RecordsWriter.forFormat("csv")).containsSame(RecordsTextWriter.csv());
        assertThat(RecordsWriter.forFormat("tsv")).containsSame(RecordsTextWriter.tsv());
        assertThat(RecordsWriter.forFormat("xml")).isEmpty();
        assertThat(RecordsWriter.forFormat(null)).isEmpty();
    }

    private static String quote(String s) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonSupport.MAPPER.createGenerator(out)) {
            g.writeString(s);
        }
        return out.toString();
    }
}
