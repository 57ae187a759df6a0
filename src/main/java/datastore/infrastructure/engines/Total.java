package datastore.infrastructure.engines;

/** A row count for {@code total}, and whether it is an estimate rather than an exact count. */
public record Total(long value, boolean estimated) {}
