package datastore.services.stream;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.schemas.types.FieldType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlDumpWriterTest {

    private static final String HEAD = "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n";

    private static String dump(RowSource rows, boolean bom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XmlDumpWriter().write(rows, out, bom);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String row(List<OutputField> fields, Object... values) throws IOException {
        String out = dump(ListRowSource.of(fields, values), false);
        assertThat(out).startsWith(HEAD).endsWith("\n</data>\n");
        return out.substring(HEAD.length(), out.length() - "\n</data>\n".length());
    }

    @Test
    void limitOneMatchesCkanByteForByte() throws IOException {
        assertThat(dump(CkanBooks.firstRow(), false))
                .isEqualTo(HEAD
                        + "<row _id=\"1\">"
                        + "<b\u00fck>annakarenina</b\u00fck>"
                        + "<author>tolstoy</author>"
                        + "<published>2005-03-01T00:00:00</published>"
                        + "<characters><value key=\"0\">Princess Anna</value><value key=\"1\">Sergius</value></characters>"
                        + "<random_letters><value key=\"0\">a</value><value key=\"1\">e</value><value key=\"2\">x</value>"
                        + "</random_letters>"
                        + "<nested><value key=\"0\">b</value><value key=\"1\"><value key=\"moo\">moo</value></value></nested>"
                        + "</row>\n"
                        + "</data>\n");
    }

    @Test
    void nullsAreNilAndEmptyContainersAreShortElements() throws IOException {
        assertThat(dump(CkanBooks.rows(), false))
                .endsWith("<row _id=\"2\"><b\u00fck>warandpeace</b\u00fck><author>tolstoy</author>"
                        + "<published xsi:nil=\"true\" /><characters xsi:nil=\"true\" /><random_letters />"
                        + "<nested><value key=\"a\">b</value></nested></row>\n</data>\n");
    }

    @Test
    void textAndAttributesAreEscapedLikeElementTree() throws IOException {
        List<OutputField> fields = List.of(new OutputField("t", FieldType.TEXT), new OutputField("j", FieldType.JSON));
        assertThat(row(fields, "<&>\"", "{\"a\\\"<\\n\": \"x&y\"}"))
                .isEqualTo("<row><t>&lt;&amp;&gt;\"</t><j><value key=\"a&quot;&lt;&#10;\">x&amp;y</value></j></row>");
    }

    @Test
    void nestedJsonAndArraysBecomeKeyedValueElements() throws IOException {
        List<OutputField> fields = List.of(
                new OutputField("_id", FieldType.INT4),
                new OutputField("j", FieldType.JSON),
                new OutputField("m", FieldType.parse("int[]").orElseThrow()));
        assertThat(row(
                        fields,
                        7,
                        "{\"l\": [1, [true, null], {}], \"f\": 1.50, \"s\": \"\"}",
                        Arrays.asList(List.of(1, 2), null)))
                .isEqualTo("<row _id=\"7\"><j>"
                        + "<value key=\"l\"><value key=\"0\">1</value>"
                        + "<value key=\"1\"><value key=\"0\">True</value><value xsi:nil=\"true\" key=\"1\" /></value>"
                        + "<value key=\"2\" /></value>"
                        + "<value key=\"f\">1.5</value><value key=\"s\" /></j>"
                        + "<m><value key=\"0\"><value key=\"0\">1</value><value key=\"1\">2</value></value>"
                        + "<value xsi:nil=\"true\" key=\"1\" /></m></row>");
    }

    @Test
    void scalarsPrintAsPythonWouldAfterDecodingCkanJson() throws IOException {
        List<OutputField> fields = List.of(
                new OutputField("b", FieldType.BOOL),
                new OutputField("n", FieldType.NUMERIC),
                new OutputField("i", FieldType.NUMERIC),
                new OutputField("f", FieldType.FLOAT8),
                new OutputField("g", FieldType.FLOAT8),
                new OutputField("e", FieldType.TEXT));
        assertThat(row(fields, true, new BigDecimal("1.50"), new BigDecimal("3"), 3.0, 1e100, ""))
                .isEqualTo("<row><b>True</b><n>1.5</n><i>3</i><f>3</f><g>1e+100</g><e /></row>");
    }

    @Test
    void idBecomesAnAttributeOnlyWhenItIsTheFirstColumn() throws IOException {
        List<OutputField> fields =
                List.of(new OutputField("book", FieldType.TEXT), new OutputField("_id", FieldType.INT4));
        assertThat(row(fields, "x", 1)).isEqualTo("<row><book>x</book><_id>1</_id></row>");
        assertThat(row(List.of(new OutputField("_id", FieldType.INT4)), 5)).isEqualTo("<row _id=\"5\" />");
    }

    @Test
    void bomPrefixesTheDocument() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XmlDumpWriter().write(ListRowSource.of(List.of(new OutputField("a", FieldType.TEXT))), out, true);
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) '<');
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo(HEAD + "</data>\n");
    }
}
