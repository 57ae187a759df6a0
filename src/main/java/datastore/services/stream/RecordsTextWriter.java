package datastore.services.stream;

import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * {@code records_format=csv|tsv}: one JSON string of PostgreSQL {@code COPY … csv} lines, no header,
 * {@code \n} line ends, CSV quoting in both (tsv only swaps the delimiter for a tab); {@code ""}
 * when there are no rows.
 */
public final class RecordsTextWriter implements RecordsWriter {

    private static final RecordsTextWriter CSV = new RecordsTextWriter(',');
    private static final RecordsTextWriter TSV = new RecordsTextWriter('\t');

    private final char delimiter;

    private RecordsTextWriter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Comma-delimited. */
    public static RecordsTextWriter csv() {
        return CSV;
    }

    /** Tab-delimited, still with CSV quoting. */
    public static RecordsTextWriter tsv() {
        return TSV;
    }

    @Override
    public long write(RowSource rows, JsonGenerator g) {
        List<OutputField> fields = rows.fields();
        // The value is a single JSON string, so it is built in memory; datastore_search caps a page at
        // rows_max (32000) rows, which bounds it. Dumps stream through CsvDumpWriter instead.
        StringBuilder sb = new StringBuilder();
        long count = 0;
        while (rows.next()) {
            CsvText.appendRow(sb, rows, fields, delimiter);
            count++;
        }
        g.writeString(sb.toString());
        return count;
    }
}
