package datastore.services.stream;

import datastore.schemas.types.FieldType;
import java.time.LocalDateTime;
import java.util.List;

/** The table CKAN's test_dump.py builds, as rows our engines would hand the writers. */
final class CkanBooks {

    static final List<OutputField> FIELDS = List.of(
            new OutputField("_id", FieldType.INT4),
            new OutputField("b\u00fck", FieldType.TEXT),
            new OutputField("author", FieldType.TEXT),
            new OutputField("published", FieldType.TIMESTAMP),
            new OutputField("characters", FieldType.parse("_text").orElseThrow()),
            new OutputField("random_letters", FieldType.parse("text[]").orElseThrow()),
            new OutputField("nested", FieldType.JSON));

    private CkanBooks() {}

    /** Both rows; json values carry the Python-spaced text CKAN stores. */
    static ListRowSource rows() {
        return ListRowSource.of(
                FIELDS,
                new Object[] {
                    1,
                    "annakarenina",
                    "tolstoy",
                    LocalDateTime.of(2005, 3, 1, 0, 0),
                    List.of("Princess Anna", "Sergius"),
                    List.of("a", "e", "x"),
                    "[\"b\", {\"moo\": \"moo\"}]"
                },
                new Object[] {2, "warandpeace", "tolstoy", null, null, List.of(), "{\"a\": \"b\"}"});
    }

    /** Only the first row, like CKAN's {@code ?limit=1} tests. */
    static ListRowSource firstRow() {
        ListRowSource all = rows();
        return new ListRowSource(FIELDS, List.of(java.util.Arrays.asList(row(all))));
    }

    private static Object[] row(ListRowSource source) {
        source.next();
        Object[] values = new Object[FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = source.value(i);
        }
        return values;
    }
}
