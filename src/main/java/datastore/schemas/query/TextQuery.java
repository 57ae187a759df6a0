package datastore.schemas.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A full-text query: {@code all} (null when absent) matches the whole row, {@code perField} one column
 * each; {@code plain} chooses plain words over tsquery syntax, {@code language} the text search configuration.
 */
public record TextQuery(@Nullable String all, Map<String, String> perField, boolean plain, String language) {
    public TextQuery {
        perField = Collections.unmodifiableMap(new LinkedHashMap<>(perField));
        Objects.requireNonNull(language, "language is null");
        if (all == null && perField.isEmpty()) {
            throw new IllegalArgumentException("a text query needs words for the row or for a field");
        }
    }
}
