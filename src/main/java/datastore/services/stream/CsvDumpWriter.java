package datastore.services.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;

/**
 * CSV and TSV dumps: a header of field ids ended by {@code \r\n} (Python's csv module), then data
 * rows ended by {@code \n} (PostgreSQL COPY) — CKAN's mixed line ends, copied on purpose.
 */
public final class CsvDumpWriter implements DumpWriter {

    private static final CsvDumpWriter CSV = new CsvDumpWriter(',');
    private static final CsvDumpWriter TSV = new CsvDumpWriter('\t');

    private final char delimiter;

    private CsvDumpWriter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Comma-delimited dump. */
    public static CsvDumpWriter csv() {
        return CSV;
    }

    /** Tab-delimited dump, with CSV quoting rules. */
    public static CsvDumpWriter tsv() {
        return TSV;
    }

    @Override
    public long write(RowSource rows, OutputStream out, boolean bom) throws IOException {
        Writer writer = DumpOutput.writer(out, bom);
        List<OutputField> fields = rows.fields();
        StringBuilder line = new StringBuilder(256);
        CsvText.appendHeader(line, fields, delimiter);
        writer.append(line);
        long count = 0;
        while (rows.next()) {
            line.setLength(0);
            CsvText.appendRow(line, rows, fields, delimiter);
            writer.append(line);
            count++;
        }
        writer.flush();
        return count;
    }
}
