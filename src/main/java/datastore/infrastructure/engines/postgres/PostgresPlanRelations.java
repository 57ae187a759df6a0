package datastore.infrastructure.engines.postgres;

import datastore.infrastructure.engines.PlanRelation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL's own plan of a query reads: the relations ({@code "Relation Name"}, with their
 * {@code "Schema"}) and functions of every node of {@code EXPLAIN (VERBOSE, FORMAT JSON)}. The plan is
 * read inside the server by a temporary function, created and dropped in one rolled-back transaction: a
 * plan can print constants the planner folded (a {@code repeat('x', 200000000)} in a filter), and only
 * the names, never the plan text, may reach the JVM.
 */
final class PostgresPlanRelations {
    private static final String FUNCTION = "CREATE FUNCTION pg_temp.datastore_plan_relations(q text)"
            + " RETURNS TABLE(kind text, schema_name text, relation text) LANGUAGE plpgsql AS $plan$"
            + " DECLARE plan jsonb; BEGIN"
            + " EXECUTE 'EXPLAIN (VERBOSE, FORMAT JSON) ' || q INTO plan;"
            + " RETURN QUERY SELECT DISTINCT CASE WHEN n ? 'Relation Name' THEN 'table' ELSE 'function' END,"
            + " coalesce(n->>'Schema', ''), coalesce(n->>'Relation Name', n->>'Function Name')"
            + " FROM jsonb_path_query(plan, 'strict $.**') AS n"
            + " WHERE jsonb_typeof(n) = 'object' AND (n ? 'Relation Name' OR n ? 'Function Name');"
            + " END $plan$";

    private PostgresPlanRelations() {}

    static List<PlanRelation> read(Connection c, String sql, Duration timeout) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
                s.execute(FUNCTION);
                // EXPLAIN runs nothing, and the rest of the transaction may not write either.
                s.execute("SET TRANSACTION READ ONLY");
            }
            List<PlanRelation> out = new ArrayList<>();
            try (PreparedStatement p =
                    c.prepareStatement("SELECT kind, schema_name, relation FROM pg_temp.datastore_plan_relations(?)")) {
                p.setString(1, sql);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        PlanRelation.Kind kind =
                                rs.getString(1).equals("table") ? PlanRelation.Kind.TABLE : PlanRelation.Kind.FUNCTION;
                        out.add(new PlanRelation(kind, rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        } finally {
            // Drops the temporary function with everything else the transaction did.
            c.rollback();
        }
    }
}
