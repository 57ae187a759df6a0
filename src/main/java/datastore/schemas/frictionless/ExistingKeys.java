package datastore.schemas.frictionless;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Answers whether stored data already holds a row with these values in these key fields (a primary or unique key). */
@FunctionalInterface
public interface ExistingKeys {
    /** Nothing stored: only the rows being validated count. */
    ExistingKeys NONE = (fields, values) -> false;

    /** {@code values} are cast values, one per field, in the order of {@code fields}. */
    boolean exists(List<String> fields, List<@Nullable Object> values);
}
