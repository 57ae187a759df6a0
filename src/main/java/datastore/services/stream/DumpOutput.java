package datastore.services.stream;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Buffered UTF-8 output for the dump writers, optionally starting with a BOM. */
final class DumpOutput {

    static final int BUFFER_SIZE = 64 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private DumpOutput() {}

    /** A buffered stream over {@code out}; callers flush it and must not close it (that would close {@code out}). */
    static BufferedOutputStream stream(OutputStream out, boolean bom) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER_SIZE);
        if (bom) {
            buffered.write(BOM);
        }
        return buffered;
    }

    /** A buffered UTF-8 writer over {@code out}; callers flush it and must not close it. */
    static Writer writer(OutputStream out, boolean bom) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_SIZE);
        if (bom) {
            writer.write('\uFEFF');
        }
        return writer;
    }
}
