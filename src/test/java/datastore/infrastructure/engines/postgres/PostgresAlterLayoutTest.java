package datastore.infrastructure.engines.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.infrastructure.engines.AlterTable;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.TableName;
import datastore.schemas.ckan.SearchRequest;
import datastore.testing.CkanCalls;
import datastore.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** After an alter renames, reorders and retypes, the table is still laid out as CKAN lays it out. */
class PostgresAlterLayoutTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private PostgresTestDatabase db;
    private StorageEngine engine;

    @BeforeEach
    void open() {
        db = PostgresTestDatabase.create();
        engine = new PostgresEngineFactory().create(new EngineConfig(dir, Map.of(), db.jdbcUrl()));
        new CkanCalls(engine, new SearchRequest.Limits(100, 32000, "english"))
                .create((ObjectNode) JSON.readTree(("{'resource_id': 'books', 'primary_key': 'id', 'aliases': 'novels',"
                                + " 'fields': [{'id': 'id', 'type': 'int'}, {'id': 'title', 'type': 'text',"
                                + " 'info': {'label': 'Title'}}, {'id': 'year', 'type': 'text'}],"
                                + " 'records': [{'id': 1, 'title': 'Anna Karenina', 'year': '1878'}]}")
                        .replace('\'', '"')));
    }

    @AfterEach
    void close() {
        engine.close();
        db.close();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aRenamedReorderedTableKeepsTriggerCommentsIndexesAndAliases() throws SQLException {
        TableDef t = engine.table("books").orElseThrow();
        ColumnDef title = t.field("title").orElseThrow();
        engine.alter(new AlterTable(
                t,
                List.of(
                        new AlterTable.Column(
                                "year", new ColumnDef("year", datastore.schemas.types.FieldType.INT8, null)),
                        new AlterTable.Column("title", new ColumnDef("headline", title.type(), title.info())),
                        new AlterTable.Column("id", t.field("id").orElseThrow())),
                null,
                "works"));

        assertThat(strings("SELECT attname FROM pg_attribute WHERE attrelid = '\"works\"'::regclass AND attnum > 0"
                        + " AND NOT attisdropped ORDER BY attnum"))
                .containsExactly("_id", "_full_text", "year", "headline", "id");
        assertThat(strings("SELECT tgname FROM pg_trigger WHERE tgrelid = '\"works\"'::regclass AND NOT tgisinternal"))
                .containsExactly("zfulltext");
        assertThat(strings("SELECT col_description('\"works\"'::regclass, attnum) FROM pg_attribute"
                        + " WHERE attrelid = '\"works\"'::regclass AND attname = 'headline'"))
                .singleElement()
                .asString()
                .contains("\"label\":\"Title\"");
        assertThat(strings("SELECT indexname FROM pg_indexes WHERE tablename = 'works'"))
                .contains(PostgresSchema.indexName("works", "\"_full_text\""));
        assertThat(strings("SELECT to_regclass('\"books\"')::text")).containsExactly((String) null);
        assertThat(strings("SELECT headline FROM \"novels\"")).containsExactly("Anna Karenina");
        assertThat(engine.tables()).extracting(TableName::name).containsExactly("works", "novels");
        TableDef after = engine.table("novels").orElseThrow();
        assertThat(after.id()).isEqualTo("works");
        assertThat(after.primaryKey()).containsExactly("id");
        assertThat(after.field("year").orElseThrow().type()).isEqualTo(datastore.schemas.types.FieldType.INT8);
        assertThat(strings("SELECT count(*) FROM \"works\" WHERE _full_text @@ to_tsquery('karenina')"))
                .containsExactly("1");
    }
}
