package datastore.services.stream;

import java.util.Arrays;
import java.util.List;

/** A RowSource over in-memory rows, for tests. */
final class ListRowSource implements RowSource {

    private final List<OutputField> fields;
    private final List<List<Object>> rows;
    private int current = -1;

    ListRowSource(List<OutputField> fields, List<List<Object>> rows) {
        this.fields = fields;
        this.rows = rows;
    }

    static ListRowSource of(List<OutputField> fields, Object[]... rows) {
        return new ListRowSource(fields, Arrays.stream(rows).map(Arrays::asList).toList());
    }

    @Override
    public List<OutputField> fields() {
        return fields;
    }

    @Override
    public boolean next() {
        return ++current < rows.size();
    }

    @Override
    public Object value(int index) {
        return rows.get(current).get(index);
    }
}
