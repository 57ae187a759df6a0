package datastore.services.read;

/** The {@code total} of a search, and whether it is an estimate. */
public record PageTotal(long value, boolean estimated) {}
