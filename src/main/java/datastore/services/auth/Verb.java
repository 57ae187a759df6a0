package datastore.services.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a request does to data, Datasette-style: the unit of an API token's restrictions. */
public enum Verb {
    READ,
    INSERT,
    UPDATE,
    DELETE,
    CREATE,
    DROP,
    SQL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Verb> parse(String s) {
        return Arrays.stream(values())
                .filter(v -> v.label().equals(s.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The names, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Verb::label).collect(Collectors.joining(", "));
    }
}
