package datastore.schemas.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a data source keeps its tables' rows: typed columns, or one JSON document per row. */
public enum ProviderType {
    FLAT_TABLE,
    JSONB;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProviderType> parse(String s) {
        return Arrays.stream(values()).filter(p -> p.label().equals(s)).findFirst();
    }

    /** The supported names, for messages: {@code flat_table, jsonb}. */
    public static String names() {
        return Arrays.stream(values()).map(ProviderType::label).collect(Collectors.joining(", "));
    }
}
