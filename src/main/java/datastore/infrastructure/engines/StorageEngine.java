package datastore.infrastructure.engines;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The engine SPI: everything the services need from a storage engine. Every write method is atomic:
 * it either applies completely or changes nothing. Errors surface as {@code ApiException}s with CKAN's
 * messages; {@code SQLException}s never leave an engine.
 */
public interface StorageEngine extends AutoCloseable {

    /** The name {@code DATASTORE_ENGINE} selects this engine by. */
    String name();

    /** Throws when the engine cannot serve queries (used by {@code /ready}). */
    void ping();

    /** The table a table id or alias names, from the engine's catalog; empty when there is none. */
    Optional<TableDef> table(String idOrAlias);

    /** Every table and alias, for {@code _table_metadata} and the SQL guard. */
    List<TableName> tables();

    /** Creates or alters a table and writes its first records, in one transaction. */
    TableDef create(CreateTable command);

    /**
     * Reshapes an existing table in one transaction (renames, added, dropped and retyped columns, column
     * order, primary key, the table's id); a failure changes nothing. Returns the table afterwards.
     *
     * @throws UnsupportedOperationException on an engine that cannot alter tables
     */
    default TableDef alter(AlterTable command) {
        throw new UnsupportedOperationException(name() + " cannot alter tables");
    }

    /** Inserts, upserts or updates rows in one transaction; returns the table after the write. */
    TableDef write(WriteRows command);

    /** Deletes the rows a query's filters select; returns how many went. */
    long deleteRows(SearchQuery query);

    /** Drops a table and its aliases. */
    void drop(TableDef table);

    /** Streams the rows of a search page (or a whole dump when the limit is large). */
    RowCursor search(SearchQuery query);

    /**
     * As {@link #search(SearchQuery)}, with the statement cancelled on the engine once {@code timeout}
     * (null: none) has passed, and reading on after it failing too: CKAN's 409 {@code {"query": ["Search
     * took too long"]}}. An engine that cannot cancel a statement ignores the timeout (the default).
     */
    default RowCursor search(SearchQuery query, @Nullable Duration timeout) {
        return search(query);
    }

    /**
     * Counts the rows a search matches; an unfiltered count must not scan the table. When the query
     * has no conditions and an estimation threshold is given, an engine may answer with its statistics'
     * estimate (marked estimated) if that estimate reaches the threshold, as CKAN does.
     */
    Total count(SearchQuery query, OptionalLong estimationThreshold);

    /** As {@link #count(SearchQuery, OptionalLong)}, cancelled as {@link #search(SearchQuery, Duration)} is. */
    default Total count(SearchQuery query, OptionalLong estimationThreshold, @Nullable Duration timeout) {
        return count(query, estimationThreshold);
    }

    /**
     * The most frequent non-null values of {@code column} among the rows {@code query} matches (its keyset
     * position and paging ignored): rows of the value (labelled as the column) and its count (labelled
     * {@link #FACET_COUNT}), by count descending then value, at most {@code limit} of them.
     */
    RowCursor facet(SearchQuery query, String column, int limit);

    /** The label of the count column of {@link #facet}. */
    String FACET_COUNT = "_facet_count";

    /**
     * Runs one guarded read-only SELECT (already checked by the SQL guard), returning at most
     * {@code maxRows} rows, cancelled after {@code timeout}. No value longer than {@code maxValueBytes}
     * (as text) ever leaves the database: the cursor throws a 409 on the row holding one instead.
     */
    RowCursor sql(String sql, int maxRows, long maxValueBytes, Duration timeout);

    /** The identifier rules of this engine's SQL, for the SQL guard. */
    SqlIdentifiers sqlIdentifiers();

    /**
     * What the engine's own plan of a guarded SELECT reads: every table (views expanded) and table
     * function, as the engine resolved them. Plans only, never runs the query; gives up after
     * {@code timeout}. A query the engine cannot plan is a 409 with the engine's message.
     */
    List<PlanRelation> relationsRead(String sql, Duration timeout);

    /** Sizes and index facts for {@code datastore_info}. */
    TableStats stats(TableDef table);

    /**
     * A new JDBC connection to the engine's own database (auto-commit on; the caller closes it), for
     * stores that keep their own tables beside the datastore's in a schema of their own (the catalog), so
     * that there is no second database to run. Only infrastructure may use it: services never see SQL.
     *
     * @throws UnsupportedOperationException on an engine without a JDBC database of its own
     */
    default java.sql.Connection connection() throws java.sql.SQLException {
        throw new UnsupportedOperationException(name() + " has no database for other stores");
    }

    /** Class-path resource of the function allow-list for {@code datastore_search_sql} on this engine. */
    String allowedFunctionsResource();

    @Override
    void close();
}
