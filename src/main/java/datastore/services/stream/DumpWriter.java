package datastore.services.stream;

import java.io.IOException;
import java.io.OutputStream;

/** Streams a whole dump of {@code rows} in one format to an output stream. */
public sealed interface DumpWriter permits CsvDumpWriter, JsonDumpWriter, XmlDumpWriter {

    /**
     * Writes the dump as UTF-8, pulling rows one at a time; flushes but does not close {@code out}.
     *
     * @param bom true to start with a UTF-8 byte-order mark ({@code EF BB BF})
     * @return the number of rows written
     */
    long write(RowSource rows, OutputStream out, boolean bom) throws IOException;
}
