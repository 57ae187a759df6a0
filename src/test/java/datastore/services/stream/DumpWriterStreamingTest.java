package datastore.services.stream;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.schemas.types.FieldType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DumpWriterStreamingTest {

    private static final int ROWS = 2_000_000;
    private static final int TEXT_LENGTH = 320;

    /**
     * Generates rows on demand, each with a fresh 320-character string: 2,000,000 of them are ~640 MB,
     * more than the test JVM's 512 MB heap, so a writer that retained rows would fail with OOM.
     */
    private static final class GeneratedRows implements RowSource {
        private final List<OutputField> fields =
                List.of(new OutputField("_id", FieldType.INT4), new OutputField("text", FieldType.TEXT));
        private int current;

        @Override
        public List<OutputField> fields() {
            return fields;
        }

        @Override
        public boolean next() {
            if (current > ROWS) {
                throw new IllegalStateException("asked for a row after the end");
            }
            return ++current <= ROWS;
        }

        @Override
        public Object value(int index) {
            if (current < 1 || current > ROWS) {
                throw new IllegalStateException("no current row: the source cannot rewind");
            }
            return index == 0 ? current : Character.toString('a' + current % 26).repeat(TEXT_LENGTH);
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    @Test
    void csvDumpStreamsTwoMillionRowsWithoutRetainingThem() throws IOException {
        CountingOutputStream out = new CountingOutputStream();
        long written = CsvDumpWriter.csv().write(new GeneratedRows(), out, false);

        assertThat(written).isEqualTo(ROWS);
        long idDigits = 0;
        for (int i = 1; i <= ROWS; i++) {
            idDigits += Integer.toString(i).length();
        }
        // header + per row: id, comma, text, newline
        assertThat(out.bytes).isEqualTo("_id,text\r\n".length() + idDigits + (long) ROWS * (1 + TEXT_LENGTH + 1));
    }
}
