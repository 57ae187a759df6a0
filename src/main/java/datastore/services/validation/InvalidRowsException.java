package datastore.services.validation;

import datastore.schemas.frictionless.ValidationReport;

/**
 * The Frictionless report behind a refused write; it travels as the cause of the surface-neutral
 * validation error, so the catalog face can answer with Frictionless's errors while CKAN and Datasette
 * keep their own shapes.
 */
public final class InvalidRowsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationReport report;

    InvalidRowsException(ValidationReport report) {
        super("rows do not match the table's schema", null, false, false);
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
