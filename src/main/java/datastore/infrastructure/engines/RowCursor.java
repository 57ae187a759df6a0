package datastore.infrastructure.engines;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A forward-only, streaming read of rows, backed by a database cursor. Values are plain Java objects:
 * String, Integer/Long/Short, Double/Float, BigDecimal, Boolean, LocalDateTime, OffsetDateTime,
 * LocalDate, LocalTime, UUID, List (arrays), or String JSON text for json columns; null for NULL.
 */
public interface RowCursor extends AutoCloseable {
    /** Column names and types of every row, in order. */
    List<ResultColumn> columns();

    /** Moves to the next row; false when there is none. */
    boolean next();

    /** The value of column {@code index} (0-based) in the current row; null for SQL NULL. */
    @Nullable
    Object get(int index);

    @Override
    void close();

    /** A result column: its name and, where known, its CKAN type name (typname). */
    record ResultColumn(String name, String typname) {}
}
