package datastore.schemas.ckan.catalog;

import datastore.schemas.validation.Problems;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the text fields of a CKAN dict as CKAN's {@code unicode_safe} does, reporting what is not text. */
final class DictReader {
    private final ObjectNode dict;
    private final Problems problems;
    private final String prefix;

    DictReader(ObjectNode dict, Problems problems, String prefix) {
        this.dict = dict;
        this.problems = problems;
        this.prefix = prefix;
    }

    Problems problems() {
        return problems;
    }

    boolean present(String key) {
        return dict.has(key) && !dict.get(key).isNull();
    }

    /** The value as text (numbers and booleans as CKAN would print them); null when absent or null. */
    @Nullable
    String text(String key) {
        JsonNode v = dict.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isNumber()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        problems.add(prefix + key, "Must be a string");
        return null;
    }

    /** Text, with an empty string read as absent (CKAN's {@code ignore_empty}). */
    @Nullable
    String nonEmpty(String key) {
        String s = text(key);
        return s == null || s.isEmpty() ? null : s;
    }

    JsonNode raw(String key) {
        return dict.path(key);
    }
}
