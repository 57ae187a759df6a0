package datastore.services.stream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * JSON dumps in CKAN's exact framing: {@code {\n  "fields": [...],\n  "records": [\n    [...],\n
 * [...]\n]}\n}, with compact fields ({@code id}, reported {@code type}, {@code info} when present)
 * and each record as an array in field order.
 */
public final class JsonDumpWriter implements DumpWriter {

    @Override
    public long write(RowSource rows, OutputStream out, boolean bom) throws IOException {
        BufferedOutputStream buffered = DumpOutput.stream(out, bom);
        List<OutputField> fields = rows.fields();
        long count = 0;
        // Framing is raw text between root-level values; the generator has no root separator.
        try (JsonGenerator g = JsonSupport.MAPPER.createGenerator(buffered)) {
            g.writeRaw("{\n  \"fields\": ");
            writeFields(g, fields);
            g.writeRaw(",\n  \"records\": [");
            while (rows.next()) {
                g.writeRaw(count == 0 ? "\n    " : ",\n    ");
                RecordsJsonWriter.writeList(g, fields, rows);
                count++;
            }
            g.writeRaw("\n]}\n");
        }
        buffered.flush();
        return count;
    }

    /** The {@code fields} array CKAN reports: id, reported type, and info when present. */
    public static void writeFields(JsonGenerator g, List<OutputField> fields) {
        g.writeStartArray();
        for (OutputField f : fields) {
            g.writeStartObject();
            g.writeStringProperty("id", f.id());
            g.writeStringProperty("type", f.reportedType());
            if (f.info() != null) {
                g.writePOJOProperty("info", f.info());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
