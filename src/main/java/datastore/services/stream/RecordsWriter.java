package datastore.services.stream;

import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/** Writes the {@code records} value of a datastore_search result in one {@code records_format}. */
public sealed interface RecordsWriter permits RecordsJsonWriter, RecordsTextWriter {

    /**
     * Writes the whole {@code records} value at the generator's current position (after its
     * property name), pulling rows from {@code rows} until exhausted.
     *
     * @return the number of rows written
     */
    long write(RowSource rows, JsonGenerator g);

    /** The writer for a {@code records_format} value ({@code objects}, {@code lists}, {@code csv}, {@code tsv}). */
    static Optional<RecordsWriter> forFormat(String recordsFormat) {
        return Optional.ofNullable(
                switch (recordsFormat) {
                    case "objects" -> RecordsJsonWriter.objects();
                    case "lists" -> RecordsJsonWriter.lists();
                    case "csv" -> RecordsTextWriter.csv();
                    case "tsv" -> RecordsTextWriter.tsv();
                    case null, default -> null;
                });
    }
}
