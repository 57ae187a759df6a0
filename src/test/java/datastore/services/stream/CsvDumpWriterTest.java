package datastore.services.stream;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.schemas.types.FieldType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDumpWriterTest {

    private static final List<OutputField> BOOK =
            List.of(new OutputField("_id", FieldType.INT4), new OutputField("book", FieldType.TEXT));

    private static String dump(DumpWriter writer, RowSource rows, boolean bom) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(rows, out, bom);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void basicDumpHasCrlfHeaderThenLfRows() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = CsvDumpWriter.csv()
                .write(
                        ListRowSource.of(BOOK, new Object[] {1, "annakarenina"}, new Object[] {2, "warandpeace"}),
                        out,
                        false);
        assertThat(count).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("_id,book\r\n1,annakarenina\n2,warandpeace\n");
    }

    @Test
    void limitOneMatchesCkanByteForByte() throws IOException {
        assertThat(dump(CsvDumpWriter.csv(), CkanBooks.firstRow(), false))
                .isEqualTo("_id,b\u00fck,author,published,characters,random_letters,nested\r\n"
                        + "1,annakarenina,tolstoy,2005-03-01T00:00:00,"
                        + "\"[\"\"Princess Anna\"\",\"\"Sergius\"\"]\","
                        + "\"[\"\"a\"\",\"\"e\"\",\"\"x\"\"]\",\"[\"\"b\"\", {\"\"moo\"\": \"\"moo\"\"}]\"\n");
    }

    @Test
    void nullScalarsAreEmptyButNullArraysAreNullAndEmptyArraysBrackets() throws IOException {
        String out = dump(CsvDumpWriter.csv(), CkanBooks.rows(), false);
        assertThat(out).endsWith("\n2,warandpeace,tolstoy,,null,[],\"{\"\"a\"\": \"\"b\"\"}\"\n");
    }

    @Test
    void tsvMatchesCkanByteForByte() throws IOException {
        assertThat(dump(CsvDumpWriter.tsv(), CkanBooks.firstRow(), false))
                .isEqualTo("_id\tb\u00fck\tauthor\tpublished\tcharacters\trandom_letters\t"
                        + "nested\r\n1\tannakarenina\ttolstoy\t2005-03-01T00:00:00\t"
                        + "\"[\"\"Princess Anna\"\",\"\"Sergius\"\"]\"\t"
                        + "\"[\"\"a\"\",\"\"e\"\",\"\"x\"\"]\"\t\"[\"\"b\"\", "
                        + "{\"\"moo\"\": \"\"moo\"\"}]\"\n");
    }

    @Test
    void headerQuotesIdsContainingTheDelimiterOrQuotes() throws IOException {
        List<OutputField> fields =
                List.of(new OutputField("a,b", FieldType.TEXT), new OutputField("say \"hi\"", FieldType.TEXT));
        assertThat(dump(CsvDumpWriter.csv(), ListRowSource.of(fields), false))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\"\r\n");
        assertThat(dump(CsvDumpWriter.tsv(), ListRowSource.of(fields), false)).isEqualTo("a,b\t\"say \"\"hi\"\"\"\r\n");
    }

    @Test
    void valuesWithLineBreaksAreQuotedAndKeptVerbatim() throws IOException {
        assertThat(dump(CsvDumpWriter.csv(), ListRowSource.of(BOOK, new Object[] {1, "a\r\nb"}), false))
                .isEqualTo("_id,book\r\n1,\"a\r\nb\"\n");
    }

    @Test
    void loneEndOfDataMarkerIsQuotedInASingleColumnDump() throws IOException {
        List<OutputField> one = List.of(new OutputField("t", FieldType.TEXT));
        assertThat(dump(CsvDumpWriter.csv(), ListRowSource.of(one, new Object[] {"\\."}), false))
                .isEqualTo("t\r\n\"\\.\"\n");
    }

    @Test
    void bomPrefixesUtf8ByteOrderMark() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvDumpWriter.csv().write(ListRowSource.of(BOOK, new Object[] {1, "x"}), out, true);
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) '_');
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("_id,book\r\n1,x\n");
    }

    @Test
    void doesNotCloseTheCallersStream() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        CsvDumpWriter.csv().write(ListRowSource.of(BOOK), out, false);
        assertThat(closed[0]).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("_id,book\r\n");
    }
}
