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
 * plan prints the constants the planner folded (a {@code repeat('x', 200000000)}), and only the names,
 * never the plan text, may reach the JVM.
 */
final class PostgresPlanRelations {
    /**
     * Names in the plan's JSON text. Inside a JSON string every quote is escaped, so no value (a folded
     * constant) can fake a key here; a name without a schema after it comes back with an empty one and
     * is refused. Text, not jsonb: a plan can be larger than jsonb holds.
     */
    private static final String NAMES =
            "\"(Relation|Function) Name\": \"((?:[^\"\\\\]|\\\\.)*)\"(?:,\\s*\"Schema\": \"((?:[^\"\\\\]|\\\\.)*)\")?";

    /**
     * Plans print folded constants; a plan this large holds a value no result may carry anyway, and
     * matching names in it would cost the server four bytes of memory a character.
     */
    private static final int MAX_PLAN_BYTES = 16 << 20;

    private static final String FUNCTION = "CREATE FUNCTION pg_temp.datastore_plan_relations(q text)"
            + " RETURNS TABLE(kind text, schema_name text, relation text) LANGUAGE plpgsql AS $plan$"
            + " DECLARE plan text; BEGIN"
            + " EXECUTE 'EXPLAIN (VERBOSE, FORMAT JSON) ' || q INTO plan;"
            + " IF octet_length(plan) > " + MAX_PLAN_BYTES + " THEN RAISE EXCEPTION USING ERRCODE = '54000',"
            + " MESSAGE = 'The query computes a value larger than this server returns (SQL_VALUE_MAX_BYTES)';"
            + " END IF;"
            + " RETURN QUERY SELECT DISTINCT CASE WHEN m[1] = 'Relation' THEN 'table' ELSE 'function' END,"
            + " coalesce(m[3], ''), m[2] FROM regexp_matches(plan, '" + NAMES + "', 'g') AS m;"
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
                        out.add(new PlanRelation(kind, unescape(rs.getString(2)), unescape(rs.getString(3))));
                    }
                }
            }
            return out;
        } finally {
            // Drops the temporary function with everything else the transaction did.
            c.rollback();
        }
    }

    /** A JSON string's text: names with other escapes stay escaped and so match no table (and are refused). */
    private static String unescape(String json) {
        return json.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
