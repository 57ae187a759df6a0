package datastore.services.validation;

/** What a write does with rows its table's schema refuses: refuse the whole batch, or write the valid rows only. */
public enum OnInvalid {
    REJECT,
    SKIP
}
