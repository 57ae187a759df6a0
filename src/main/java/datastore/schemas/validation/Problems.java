package datastore.schemas.validation;

import datastore.core.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects field → messages while a request is validated, then raises one CKAN validation error. */
public final class Problems {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public void add(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** How many messages have been collected, so a reader can tell whether the part it read added any. */
    public int count() {
        return errors.values().stream().mapToInt(List::size).sum();
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** Throws the collected problems as one 409 ApiException; does nothing when there are none. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
