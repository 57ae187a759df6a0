package datastore.infrastructure.engines.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.PostgresTestDatabase;
import datastore.testing.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * A table written with plain SQL exactly as CKAN 2.11's DataStore lays it out (resource-id table name,
 * {@code _id serial}, {@code _full_text} kept by CKAN's trigger, the composite {@code nested} json type,
 * data dictionary comments in CKAN's current and pre-2.11 forms, a unique index as primary key, a GiST
 * full-text index, a view as alias), then read and written through this service's HTTP API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CkanLayoutTest {
    private static final String ID = "6b1e7c9a-3f4d-4b8e-9a51-2d0c7e8f1a23";
    private static PostgresTestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void ckanWroteThisDatabase() throws Exception {
        db = PostgresTestDatabase.create();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TYPE \"nested\" AS (json json, extra text)");
            s.execute("CREATE OR REPLACE FUNCTION populate_full_text_trigger() RETURNS trigger AS $body$\n"
                    + "    BEGIN\n"
                    + "        IF NEW._full_text IS NOT NULL THEN\n"
                    + "            RETURN NEW;\n"
                    + "        END IF;\n"
                    + "        NEW._full_text := (\n"
                    + "            SELECT to_tsvector(string_agg(value, ' '))\n"
                    + "            FROM json_each_text(row_to_json(NEW.*))\n"
                    + "            WHERE key NOT LIKE '\\_%');\n"
                    + "        RETURN NEW;\n"
                    + "    END;\n"
                    + "$body$ LANGUAGE plpgsql");
            s.execute(
                    "CREATE TABLE \"" + ID + "\" (\"_id\" serial primary key, \"_full_text\" tsvector, \"title\" text,"
                            + " \"year\" integer, \"price\" numeric, \"published\" timestamp, \"tags\" _text, \"meta\" nested)");
            s.execute("COMMENT ON COLUMN \"" + ID
                    + "\".\"title\" is ' {\"_info\":{\"label\":\"Title\",\"notes\":\"As printed\"}}'");
            s.execute("COMMENT ON COLUMN \"" + ID + "\".\"year\" is '{\"label\": \"Year\"}'");
            s.execute("CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON \"" + ID
                    + "\" FOR EACH ROW EXECUTE PROCEDURE populate_full_text_trigger()");
            s.execute("INSERT INTO \"" + ID
                    + "\" (\"title\", \"year\", \"price\", \"published\", \"tags\", \"meta\") VALUES"
                    + " ('Anna Karenina', 1878, 12.50, '1878-01-01 10:00:00', '{classic,russian}',"
                    + " CAST(ROW('{\"pages\": 864}', '') AS nested)),"
                    + " ('War and Peace', 1869, NULL, NULL, '{}', NULL)");
            s.execute("CREATE UNIQUE INDEX \"" + PostgresSchema.indexName(ID, "\"title\"") + "\" ON \"" + ID
                    + "\" (\"title\")");
            s.execute("CREATE INDEX \"" + PostgresSchema.indexName(ID, "\"_full_text\"") + "\" ON \"" + ID
                    + "\" USING gist(\"_full_text\")");
            s.execute("CREATE VIEW \"tolstoy\" AS SELECT * FROM \"" + ID + "\"");
        }
        server = TestServer.start(Map.of(
                "AUTH_ENABLED", "false", "DATASTORE_ENGINE", "postgres", "DATASTORE_DATABASE_URL", db.jdbcUrl()));
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static JsonNode ok(String action, Object body) {
        TestServer.Response r = server.action(action, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result();
    }

    @Test
    void searchReadsCkanTablesWithTheirTypesInfoAndNestedJson() {
        TestServer.Response raw = server.action("datastore_search", Map.of("resource_id", ID));
        assertThat(raw.body()).contains("\"price\":12.50,");
        JsonNode r = raw.result();
        assertThat(r.get("fields").toString())
                .isEqualTo("[{\"id\":\"_id\",\"type\":\"int\"},"
                        + "{\"id\":\"title\",\"type\":\"text\",\"info\":{\"label\":\"Title\",\"notes\":\"As printed\"}},"
                        + "{\"id\":\"year\",\"type\":\"int4\",\"info\":{\"label\":\"Year\"}},"
                        + "{\"id\":\"price\",\"type\":\"numeric\"},{\"id\":\"published\",\"type\":\"timestamp\"},"
                        + "{\"id\":\"tags\",\"type\":\"_text\"},{\"id\":\"meta\",\"type\":\"json\"}]");
        assertThat(r.get("records").toString())
                .isEqualTo("[{\"_id\":1,\"title\":\"Anna Karenina\",\"year\":1878,\"price\":12.5,"
                        + "\"published\":\"1878-01-01T10:00:00\",\"tags\":[\"classic\",\"russian\"],\"meta\":{\"pages\":864}},"
                        + "{\"_id\":2,\"title\":\"War and Peace\",\"year\":1869,\"price\":null,\"published\":null,"
                        + "\"tags\":[],\"meta\":null}]");
        assertThat(r.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void aliasesFullTextAndFiltersWorkOnCkanTables() {
        JsonNode byAlias = ok("datastore_search", Map.of("resource_id", "tolstoy", "q", "karenina"));
        assertThat(byAlias.get("resource_id").asString()).isEqualTo(ID);
        assertThat(byAlias.get("records")).hasSize(1);
        assertThat(byAlias.get("records").get(0).get("rank").asDouble()).isPositive();
        JsonNode filtered = ok("datastore_search", Map.of("resource_id", ID, "filters", Map.of("year", "1869")));
        assertThat(filtered.get("records").get(0).get("title").asString()).isEqualTo("War and Peace");
        JsonNode meta = ok("datastore_search", Map.of("resource_id", "_table_metadata"));
        assertThat(meta.get("records").findValuesAsString("name")).contains(ID, "tolstoy");
    }

    @Test
    void infoReportsTheDataDictionaryIndexesAndAliases() {
        JsonNode r = ok("datastore_info", Map.of("id", "tolstoy"));
        assertThat(r.get("meta").get("id").asString()).isEqualTo(ID);
        assertThat(r.get("meta").get("count").asInt()).isEqualTo(2);
        assertThat(r.get("meta").get("aliases").toString()).isEqualTo("[\"tolstoy\"]");
        assertThat(r.get("meta").get("table_type").asString()).isEqualTo("BASE TABLE");
        assertThat(r.get("meta").get("size").asLong()).isPositive();
        JsonNode title = r.get("fields").get(0);
        assertThat(title.get("id").asString()).isEqualTo("title");
        assertThat(title.get("info").get("label").asString()).isEqualTo("Title");
        assertThat(title.get("schema").get("is_index").asBoolean()).isTrue();
        assertThat(title.get("schema").get("uniquekey").asBoolean()).isFalse();
        assertThat(r.get("fields").findValuesAsString("id"))
                .containsExactly("title", "year", "price", "published", "tags", "meta");
    }

    @Test
    void sqlSeesEveryColumnWithCkanTypeNames() {
        JsonNode r = ok(
                "datastore_search_sql",
                Map.of("sql", "SELECT _id, title, meta, tags FROM \"" + ID + "\" WHERE year < 1870"));
        assertThat(r.get("fields").toString())
                .isEqualTo("[{\"id\":\"_id\",\"type\":\"int4\"},{\"id\":\"title\",\"type\":\"text\"},"
                        + "{\"id\":\"meta\",\"type\":\"json\"},{\"id\":\"tags\",\"type\":\"_text\"}]");
        assertThat(r.get("records").toString())
                .isEqualTo("[{\"_id\":2,\"title\":\"War and Peace\",\"meta\":null,\"tags\":[]}]");
    }

    @Test
    void dumpsStreamCkanTables() {
        TestServer.Response r = server.get("/datastore/dump/" + ID + "?fields=_id,title,meta");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo("_id,title,meta\r\n1,Anna Karenina,\"{\"\"pages\"\": 864}\"\n2,War and Peace,null\n");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void upsertsByTheCkanPrimaryKeyKeepTheFullTextCurrent() {
        ok(
                "datastore_upsert",
                Map.of(
                        "resource_id",
                        ID,
                        "records",
                        List.of(
                                Map.of("title", "War and Peace", "meta", Map.of("pages", 1225)),
                                Map.of("title", "Resurrection", "year", 1899))));
        JsonNode r = ok("datastore_search", Map.of("resource_id", ID, "q", "resurrection", "fields", "_id,title"));
        assertThat(r.get("records").toString()).isEqualTo("[{\"_id\":3,\"title\":\"Resurrection\"}]");
        JsonNode war = ok("datastore_search", Map.of("resource_id", ID, "filters", Map.of("title", "War and Peace")));
        assertThat(war.get("records").get(0).get("meta").toString()).isEqualTo("{\"pages\":1225}");
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT (meta).json::text, (meta).extra FROM \"" + ID + "\" WHERE _id = 2")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("{\"pages\": 1225}");
            assertThat(rs.getString(2)).isEmpty();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
