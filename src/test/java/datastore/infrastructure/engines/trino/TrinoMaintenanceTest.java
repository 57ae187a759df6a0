package datastore.infrastructure.engines.trino;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.WriteRows;
import datastore.schemas.types.FieldType;
import datastore.schemas.write.WriteMethod;
import datastore.testing.TrinoTestSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A maintenance round compacts a table's small files and keeps its rows (opt-in: needs TRINO_URL). */
class TrinoMaintenanceTest {
    @TempDir
    Path dir;

    @Test
    void aRoundCompactsSmallFilesAndKeepsEveryRow() throws Exception {
        try (TrinoTestSchema schema = TrinoTestSchema.create()) {
            Map<String, String> env = new HashMap<>(schema.env());
            env.put("TRINO_MAINTENANCE_MINUTES", "0");
            try (TrinoEngine engine = (TrinoEngine) new TrinoEngineFactory().create(new EngineConfig(dir, env))) {
                engine.create(new CreateTable(
                        "m",
                        null,
                        List.of(new ColumnDef("n", FieldType.INT8, null)),
                        new RowBatch(List.of(), List.of(), 0),
                        null,
                        null,
                        null));
                for (int i = 0; i < 4; i++) {
                    TableDef t = engine.table("m").orElseThrow();
                    engine.write(new WriteRows(
                            t,
                            WriteMethod.INSERT,
                            List.of(new WriteRows.Group(
                                    new RowBatch(List.of("n"), List.<String[]>of(new String[] {"" + i}), 0),
                                    List.of())),
                            false));
                }
                assertThat(files(engine)).isGreaterThanOrEqualTo(4);
                assertThat(engine.maintain()).containsExactly("m");
                assertThat(files(engine)).isEqualTo(1);
                assertThat(engine.table("m").orElseThrow().rowCount()).isEqualTo(4);
            }
        }
    }

    private static long files(TrinoEngine engine) throws Exception {
        try (Connection c = engine.connections().open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM " + engine.dialect().qualifiedSchema() + ".\"m$files\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
