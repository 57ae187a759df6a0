package datastore.infrastructure.engines.trino;

import datastore.core.json.JsonMappers;
import datastore.infrastructure.engines.PlanRelation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What Trino's own plan of a query reads, from {@code EXPLAIN (TYPE IO, FORMAT JSON)}: every table the
 * plan scans, views already expanded to their tables, with the schema Trino resolved each in.
 */
final class TrinoPlanRelations {
    private TrinoPlanRelations() {}

    static List<PlanRelation> read(Connection c, String sql) throws SQLException {
        String json;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (TYPE IO, FORMAT JSON) " + sql)) {
            if (!rs.next()) {
                return List.of();
            }
            json = rs.getString(1);
        }
        List<PlanRelation> out = new ArrayList<>();
        JsonNode plan = JsonMappers.standard().readTree(json);
        for (JsonNode input : plan.path("inputTableColumnInfos")) {
            JsonNode table = input.path("table");
            JsonNode schemaTable = table.path("schemaTable");
            String catalog = table.path("catalog").asString("");
            String schema = schemaTable.path("schema").asString("");
            out.add(new PlanRelation(
                    PlanRelation.Kind.TABLE,
                    // Another catalog is another schema as far as the guard's check goes.
                    c.getCatalog() != null && c.getCatalog().equals(catalog) ? schema : catalog + "." + schema,
                    schemaTable.path("table").asString("")));
        }
        return out;
    }
}
