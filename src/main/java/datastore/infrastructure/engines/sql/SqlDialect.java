package datastore.infrastructure.engines.sql;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.FieldType;

/**
 * What one engine's SQL says differently. The shared {@link QueryBuilder} asks the dialect only for
 * identifiers, types, casts, full-text and paging; everything else is written once.
 */
public interface SqlDialect {

    /** Quotes an identifier; names are user-supplied, so this must escape embedded quotes. */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The table expression for a datastore table id. */
    default String table(String tableId) {
        return quote(tableId);
    }

    /** The engine's column type for a CKAN field type. */
    String columnType(FieldType type);

    /** An expression turning one text bind parameter into a value of {@code type}. */
    default String castParameter(FieldType type) {
        return "CAST(? AS " + columnType(type) + ")";
    }

    /**
     * Refuses a filter value the engine's cast would accept but PostgreSQL's would not, so both engines
     * answer alike; the default trusts the engine's own cast to refuse.
     */
    default void checkParameter(FieldType type, String text) {}

    /** The expression to compare and sort a column by (a stored representation may need a cast). */
    default String valueExpression(ColumnDef column) {
        return quote(column.id());
    }

    /** The engine's name of the text type, for casts in text filters. */
    default String textType() {
        return "TEXT";
    }

    /** A condition that {@code textExpr} matches (or, negated, does not) the LIKE pattern in one bind parameter, ignoring case. */
    default String ilike(String textExpr, boolean negated) {
        return textExpr + (negated ? " NOT ILIKE ?" : " ILIKE ?");
    }

    /** A condition that {@code textExpr} matches the regular expression in one bind parameter. */
    default String regexMatch(String textExpr) {
        return "(" + textExpr + " ~ ?)";
    }

    /**
     * A condition that the column's array (an array column, or JSON array text) holds the text value in
     * one bind parameter; elements compare as text.
     */
    String arrayContains(ColumnDef column);

    /** Compiles {@code q}/{@code full_text} for this engine. */
    FullTextSql fullText(SearchQuery.FullText fullText, TableDef table);

    /** LIMIT/OFFSET for validated non-negative integers, inlined as literals so the planner sees them. */
    default String limitOffset(int limit, int offset) {
        return " LIMIT " + limit + (offset > 0 ? " OFFSET " + offset : "");
    }
}
