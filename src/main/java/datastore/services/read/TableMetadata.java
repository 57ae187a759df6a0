package datastore.services.read;

import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.TableName;
import datastore.schemas.query.Search;
import datastore.schemas.types.FieldType;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import datastore.services.stream.OutputField;
import java.util.ArrayList;
import java.util.List;

/** CKAN's special {@code _table_metadata} resource: every table and alias, searchable like a table. */
final class TableMetadata {
    static final String ID = "_table_metadata";
    private static final List<String> COLUMNS = List.of("_id", "name", "oid", "alias_of");

    private TableMetadata() {}

    static SearchResult search(Search req, List<TableName> names) {
        Problems problems = new Problems();
        req.filters().stream()
                .map(Search.Filter::column)
                .filter(k -> !COLUMNS.contains(k))
                .forEach(k -> problems.add("filters", "invalid value \"" + k + "\""));
        if (req.fields() != null) {
            req.fields().stream()
                    .filter(k -> !COLUMNS.contains(k))
                    .forEach(k -> problems.add("fields", "invalid value \"" + k + "\""));
        }
        problems.throwIfAny();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            TableName t = names.get(i);
            Object[] row = {i + 1, t.name(), i + 1, t.aliasOf()};
            if (matches(row, req.filters())) {
                rows.add(row);
            }
        }
        List<String> selected = req.fields() == null ? COLUMNS : req.fields();
        List<OutputField> fields = new ArrayList<>();
        for (String f : selected) {
            fields.add(new OutputField(f, f.equals("_id") || f.equals("oid") ? FieldType.INT4 : FieldType.TEXT));
        }
        int from = Math.min(rows.size(), req.offset());
        int to = Math.min(rows.size(), from + req.limit());
        List<Object[]> page = new ArrayList<>();
        for (Object[] row : rows.subList(from, to)) {
            Object[] out = new Object[selected.size()];
            for (int c = 0; c < out.length; c++) {
                out[c] = row[COLUMNS.indexOf(selected.get(c))];
            }
            page.add(out);
        }
        PageTotal total = req.includeTotal() ? new PageTotal(rows.size(), false) : null;
        return new SearchResult(ID, fields, req, new CursorRows(new ListCursor(page), fields), () -> total);
    }

    private static boolean matches(Object[] row, List<Search.Filter> filters) {
        for (Search.Filter f : filters) {
            Object v = row[COLUMNS.indexOf(f.column())];
            String text = v == null ? null : v.toString();
            List<String> wanted = new ArrayList<>();
            if (f.value().isArray()) {
                f.value().forEach(n -> wanted.add(Params.text(n)));
            } else {
                wanted.add(Params.text(f.value()));
            }
            if (text == null || !wanted.contains(text)) {
                return false;
            }
        }
        return true;
    }

    /** Rows already in memory (a handful of table names), as a cursor. */
    private static final class ListCursor implements RowCursor {
        private final List<Object[]> rows;
        private int index = -1;

        ListCursor(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public List<ResultColumn> columns() {
            return List.of();
        }

        @Override
        public boolean next() {
            return ++index < rows.size();
        }

        @Override
        public Object get(int i) {
            return rows.get(index)[i];
        }

        @Override
        public void close() {}
    }
}
