package datastore.core.config;

import java.util.Objects;

/** A secret setting: its value never appears in {@code toString}, so a logged config cannot leak it. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value is null");
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
