package datastore.services.stream;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.schemas.types.FieldType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDumpWriterTest {

    private static String dump(RowSource rows, boolean bom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonDumpWriter().write(rows, out, bom);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void limitOneMatchesCkanFraming() throws IOException {
        assertThat(dump(CkanBooks.firstRow(), false))
                .isEqualTo(
                        "{\n  \"fields\": [{\"id\":\"_id\",\"type\":\"int\"},{\"id\":\"b\u00fck\",\"type\":\"text\"},"
                                + "{\"id\":\"author\",\"type\":\"text\"},{\"id\":\"published\",\"type\":\"timestamp\"},"
                                + "{\"id\":\"characters\",\"type\":\"_text\"},{\"id\":\"random_letters\",\"type\":\"_text\"},"
                                + "{\"id\":\"nested\",\"type\":\"json\"}],\n  \"records\": [\n    "
                                + "[1,\"annakarenina\",\"tolstoy\",\"2005-03-01T00:00:00\","
                                + "[\"Princess Anna\",\"Sergius\"],[\"a\",\"e\",\"x\"],[\"b\",{\"moo\":\"moo\"}]]\n]}\n");
    }

    @Test
    void recordsAreSeparatedByCommaNewlineIndent() throws IOException {
        assertThat(dump(CkanBooks.rows(), false))
                .endsWith("{\"moo\":\"moo\"}]],\n    [2,\"warandpeace\",\"tolstoy\",null,null,[],{\"a\":\"b\"}]\n]}\n");
    }

    @Test
    void emptyDumpStillHasTheFraming() throws IOException {
        List<OutputField> fields = List.of(new OutputField("_id", FieldType.INT4));
        assertThat(dump(ListRowSource.of(fields), false))
                .isEqualTo("{\n  \"fields\": [{\"id\":\"_id\",\"type\":\"int\"}],\n  \"records\": [\n]}\n");
    }

    @Test
    void fieldsIncludeInfoAndRankColumnsReportFloat() throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("label", "Price");
        info.put("notes", null);
        List<OutputField> fields = List.of(
                new OutputField("price", FieldType.NUMERIC)
                        .withInfo(tools.jackson.databind.json.JsonMapper.builder()
                                .build()
                                .valueToTree(info)),
                OutputField.rankColumn("rank"));
        assertThat(dump(ListRowSource.of(fields, new Object[] {new BigDecimal("2.50"), 0.0607927f}), false))
                .isEqualTo(
                        "{\n  \"fields\": [{\"id\":\"price\",\"type\":\"numeric\",\"info\":{\"label\":\"Price\",\"notes\":null}},"
                                + "{\"id\":\"rank\",\"type\":\"float\"}],\n  \"records\": [\n    [2.50,0.0607927]\n]}\n");
    }

    @Test
    void bomPrefixesTheDocument() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonDumpWriter().write(ListRowSource.of(List.of(new OutputField("a", FieldType.TEXT))), out, true);
        assertThat(out.toByteArray()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) '{');
    }
}
