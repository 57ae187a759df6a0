package datastore.infrastructure.engines.duckdb;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.PlanRelation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * What DuckDB's bound (unoptimised) logical plan of a query reads, from {@code json_serialize_plan}: every
 * {@code LOGICAL_GET} is a table scan (its bind data names catalog, schema and table; views are already
 * expanded) or a table function. Unoptimised, so constants are not folded and the plan stays the size of
 * the query.
 */
final class DuckDbPlanRelations {
    private static final String PLAN = "SELECT json_serialize_plan(?::VARCHAR)";

    /** Plans nest as deeply as the query's expressions; the guard bounds those, not Jackson's default. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(100_000)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private DuckDbPlanRelations() {}

    /** Plans {@code sql} on {@code c}; {@code watchdog} arms the statement's timeout and is disarmed after. */
    static List<PlanRelation> read(Connection c, String sql, Function<Statement, Future<?>> watchdog)
            throws SQLException {
        String plan;
        try (PreparedStatement p = c.prepareStatement(PLAN)) {
            p.setString(1, sql);
            Future<?> timeout = watchdog.apply(p);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                plan = rs.getString(1);
            } finally {
                timeout.cancel(false);
            }
        }
        return parse(plan);
    }

    /** One JSON object being read: the keys that matter for a LOGICAL_GET node; null where absent. */
    private static final class Node {
        /** The key this object or array is the value of; null for the root and array elements. */
        final @Nullable String key;

        @Nullable
        String lastKey;

        @Nullable
        String type;

        @Nullable
        String name;

        @Nullable
        String schema;

        @Nullable
        String table;

        @Nullable
        String scanSchema;

        @Nullable
        String scanTable;

        boolean error;

        @Nullable
        String errorMessage;

        Node(@Nullable String key) {
            this.key = key;
        }
    }

    static List<PlanRelation> parse(String plan) {
        Set<PlanRelation> out = new LinkedHashSet<>();
        Deque<Node> stack = new ArrayDeque<>();
        Node root = null;
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), plan)) {
            String key = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                Node top = stack.peek();
                switch (t) {
                    case START_OBJECT -> stack.push(new Node(key));
                    case START_ARRAY -> stack.push(new Node(key));
                    case PROPERTY_NAME -> {
                        key = p.currentName();
                        if (top != null) {
                            top.lastKey = key;
                        }
                        continue;
                    }
                    case VALUE_STRING -> {
                        if (top != null && top.lastKey != null) {
                            String v = p.getString();
                            switch (top.lastKey) {
                                case "type" -> top.type = v;
                                case "name" -> top.name = v;
                                case "schema" -> top.schema = v;
                                case "table" -> top.table = v;
                                case "error_message" -> top.errorMessage = v;
                                default -> {}
                            }
                        }
                    }
                    case VALUE_TRUE -> {
                        if (top != null && "error".equals(top.lastKey)) {
                            top.error = true;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        Node done = stack.pop();
                        Node parent = stack.peek();
                        if (parent == null) {
                            root = done;
                        } else if ("function_data".equals(done.key)) {
                            parent.scanSchema = done.schema;
                            parent.scanTable = done.table;
                        }
                        if ("LOGICAL_GET".equals(done.type)) {
                            out.add(
                                    done.scanTable != null
                                            ? new PlanRelation(
                                                    PlanRelation.Kind.TABLE,
                                                    done.scanSchema == null ? "" : done.scanSchema,
                                                    done.scanTable)
                                            : new PlanRelation(
                                                    PlanRelation.Kind.FUNCTION,
                                                    "",
                                                    done.name == null ? "" : done.name));
                        }
                    }
                    default -> {}
                }
                // Array elements carry no key of their own.
                key = null;
            }
        }
        if (root == null) {
            throw ApiException.validation("query", "DuckDB could not plan the query");
        }
        if (root.error) {
            String message = root.errorMessage == null ? "DuckDB could not plan the query" : root.errorMessage;
            throw ApiException.validation("query", message.lines().findFirst().orElse(message));
        }
        return new ArrayList<>(out);
    }
}
