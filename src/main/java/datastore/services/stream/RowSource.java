package datastore.services.stream;

import java.util.List;

/**
 * A forward-only source of rows for the writers; values are already plain Java objects.
 *
 * <p>Values a source may return: {@code null}, {@code String}, {@code Integer}/{@code Long}/{@code
 * Short}, {@code Double}/{@code Float}, {@code BigDecimal}, {@code Boolean}, {@code LocalDateTime}
 * (timestamp), {@code OffsetDateTime} (timestamptz), {@code LocalDate}, {@code LocalTime}, {@code
 * Duration} or {@code String} (interval), {@code UUID}, {@code List<?>} of these (arrays), and for
 * json/jsonb columns a {@code String} holding raw JSON text.
 */
public interface RowSource {

    /** The output columns, in output order. */
    List<OutputField> fields();

    /** Advances to the next row; false at the end. */
    boolean next();

    /** The value of column {@code index} in the current row; may be {@code null} (SQL NULL). */
    Object value(int index);
}
