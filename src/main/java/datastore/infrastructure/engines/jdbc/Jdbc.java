package datastore.infrastructure.engines.jdbc;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.engines.sql.PreparedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The JDBC plumbing every JDBC engine needs the same way: connections, statements, transactions. */
public final class Jdbc {
    private Jdbc() {}

    /** Where an engine gets a connection for one operation: a pool, or a duplicate of an embedded root. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T extends @Nullable Object> {
        T run(Connection c) throws SQLException;
    }

    /** Throws {@link ErrorCode#UNAVAILABLE} naming {@code engine} when a trivial query cannot run. */
    public static void ping(Connections connections, String engine) {
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        } catch (SQLException e) {
            throw ApiException.of(ErrorCode.UNAVAILABLE, engine + " is not answering: " + JdbcErrors.firstLine(e), e);
        }
    }

    /** A statement for {@code q} with its parameters bound in order. */
    public static PreparedStatement prepare(Connection c, PreparedQuery q) throws SQLException {
        PreparedStatement p = c.prepareStatement(q.sql());
        try {
            List<Object> params = q.params();
            for (int i = 0; i < params.size(); i++) {
                p.setObject(i + 1, params.get(i));
            }
            return p;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(p);
            throw e;
        }
    }

    /** The single number {@code q} selects (a count). */
    public static long queryLong(Connection c, PreparedQuery q) throws SQLException {
        try (PreparedStatement p = prepare(c, q);
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The result columns of a query, in order: their labels and native type names. Describing parses and
     * analyses the query without planning or running it.
     */
    public static void describe(Connection c, String sql, List<String> labels, List<String> nativeTypes)
            throws SQLException {
        try (PreparedStatement describe = c.prepareStatement(sql)) {
            ResultSetMetaData md = describe.getMetaData();
            if (md == null) {
                throw new SQLException("the query returns no rows");
            }
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels.add(md.getColumnLabel(i));
                nativeTypes.add(md.getColumnTypeName(i));
            }
        }
    }

    /** Closes each resource in order (nulls skipped), ignoring failures: the caller is already failing. */
    public static void closeQuietly(@Nullable AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception ignored) {
                // Already failing; the original error is the one to report.
            }
        }
    }

    /** Rolls back, ignoring failure: nothing was committed, and the error that led here is the one to report. */
    public static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // A failed rollback leaves nothing committed; the write error is what the caller needs.
        }
    }

    /**
     * Runs {@code work} in one transaction on a connection of its own (see {@link #inTransaction(Connection,
     * boolean, Work)}); {@code errors} translates the work's failure, a connection that cannot be had is
     * {@link ErrorCode#UNAVAILABLE}.
     */
    public static <T extends @Nullable Object> T inTransaction(
            Connections connections,
            String engine,
            boolean dryRun,
            Work<T> work,
            Function<SQLException, ApiException> errors) {
        Connection c;
        try {
            c = connections.open();
        } catch (SQLException e) {
            throw ApiException.of(ErrorCode.UNAVAILABLE, engine + " connection failed: " + JdbcErrors.firstLine(e), e);
        }
        try (c) {
            return inTransaction(c, dryRun, work);
        } catch (SQLException e) {
            throw errors.apply(e);
        }
    }

    /**
     * Runs {@code work} in one transaction on {@code c} and commits it, or rolls it back when it is a
     * dry run (after every check ran) or when it fails; the caller translates the failure.
     */
    public static <T extends @Nullable Object> T inTransaction(Connection c, boolean dryRun, Work<T> work)
            throws SQLException {
        c.setAutoCommit(false);
        try {
            T value = work.run(c);
            if (dryRun) {
                c.rollback();
            } else {
                c.commit();
            }
            return value;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /**
     * CKAN's update must find every key: throws its "key not found" for the first staged row (by
     * {@code _ord}) whose key matches no row of the table. {@code match} compares the target (aliased
     * {@code t}) with the stage (aliased {@code s}); {@code keyColumns} are the stage columns of the keys.
     */
    public static void requireKeysExist(
            Connection c,
            String stage,
            String table,
            String match,
            List<String> keys,
            List<String> keyColumns,
            int firstRow)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT s._ord");
        for (String column : keyColumns) {
            sql.append(", CAST(s.").append(column).append(" AS TEXT)");
        }
        sql.append(" FROM ")
                .append(stage)
                .append(" AS s WHERE NOT EXISTS (SELECT 1 FROM ")
                .append(table)
                .append(" AS t WHERE ")
                .append(match)
                .append(") ORDER BY s._ord LIMIT 1");
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.toString())) {
            if (rs.next()) {
                Map<String, String> key = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    key.put(keys.get(i), rs.getString(i + 2));
                }
                throw JdbcErrors.keyNotFound(key, firstRow + rs.getInt(1));
            }
        }
    }
}
