package datastore.services.stream;

import java.util.List;
import tools.jackson.core.JsonGenerator;

/** {@code records_format=objects|lists}: a JSON array of objects keyed by field id, or of arrays, in field order. */
public final class RecordsJsonWriter implements RecordsWriter {

    private static final RecordsJsonWriter OBJECTS = new RecordsJsonWriter(true);
    private static final RecordsJsonWriter LISTS = new RecordsJsonWriter(false);

    private final boolean objects;

    private RecordsJsonWriter(boolean objects) {
        this.objects = objects;
    }

    /** Rows as objects keyed by field id, keys in field order. */
    public static RecordsJsonWriter objects() {
        return OBJECTS;
    }

    /** Rows as arrays in field order. */
    public static RecordsJsonWriter lists() {
        return LISTS;
    }

    @Override
    public long write(RowSource rows, JsonGenerator g) {
        List<OutputField> fields = rows.fields();
        int n = fields.size();
        long count = 0;
        g.writeStartArray();
        while (rows.next()) {
            if (objects) {
                g.writeStartObject();
                for (int i = 0; i < n; i++) {
                    OutputField f = fields.get(i);
                    g.writeName(f.id());
                    ValueRenderer.writeJson(g, f.type(), rows.value(i));
                }
                g.writeEndObject();
            } else {
                writeList(g, fields, rows);
            }
            count++;
        }
        g.writeEndArray();
        return count;
    }

    /** The current row as a JSON array in field order (shared with the JSON dump). */
    static void writeList(JsonGenerator g, List<OutputField> fields, RowSource rows) {
        g.writeStartArray();
        for (int i = 0; i < fields.size(); i++) {
            ValueRenderer.writeJson(g, fields.get(i).type(), rows.value(i));
        }
        g.writeEndArray();
    }
}
