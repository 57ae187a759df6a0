package datastore.services.sql;

import datastore.core.errors.ApiException;

/** The guard's CKAN-shaped error messages, in one place. */
final class GuardErrors {
    private static final int MAX_SNIPPET = 60;

    private GuardErrors() {}

    static ApiException missingSql() {
        return ApiException.validation("sql", "Missing value");
    }

    static ApiException notSingleStatement() {
        return query("Query is not a single statement.");
    }

    static ApiException onlySelect() {
        return query("Only SELECT statements are allowed");
    }

    static ApiException syntax(String message) {
        return query(message);
    }

    static ApiException unsupported(Object node) {
        String text = String.valueOf(node).strip().replaceAll("\\s+", " ");
        if (text.length() > MAX_SNIPPET) {
            text = text.substring(0, MAX_SNIPPET) + "...";
        }
        return query("Unsupported SQL syntax: " + text);
    }

    static ApiException unsupportedQuery() {
        return query("Query uses unsupported SQL syntax");
    }

    static ApiException tooComplex() {
        return query("Query is too complex");
    }

    static ApiException relationMissing(String name) {
        return query("relation \"" + name + "\" does not exist");
    }

    static ApiException systemTables() {
        return ApiException.notAuthorized("Not authorized to access system tables");
    }

    static ApiException function(String name) {
        return ApiException.notAuthorized("Not authorized to call function " + name);
    }

    private static ApiException query(String message) {
        return ApiException.validation("query", message);
    }
}
