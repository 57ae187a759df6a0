package datastore.services.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.infrastructure.catalog.JdbcCatalogStore;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.EngineRegistry;
import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.StorageEngine;
import datastore.schemas.catalog.App;
import datastore.schemas.catalog.AppChange;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataSourceChange;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.catalog.ProviderType;
import datastore.schemas.frictionless.RowError;
import datastore.schemas.frictionless.TableSchemas;
import datastore.schemas.types.FieldType;
import datastore.schemas.write.FieldSpec;
import datastore.schemas.write.TableDesign;
import datastore.schemas.write.WriteMethod;
import datastore.services.auth.Principal;
import datastore.services.catalog.CatalogService;
import datastore.services.catalog.StandaloneCatalog;
import datastore.services.read.ReadService;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import datastore.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The schema gate in front of the write service, on both engines: what it refuses, skips, and lets through. */
class SchemaGateTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SCHEMA = """
            {"fields": [
              {"name": "id", "type": "integer"},
              {"name": "name", "type": "string", "constraints": {"required": true, "maxLength": 5}},
              {"name": "score", "type": "number", "groupChar": ",", "constraints": {"minimum": 0}}
            ], "primaryKey": ["id"], "missingValues": ["", "NA"]}""";

    private @Nullable PostgresTestDatabase db;
    private @Nullable StorageEngine engine;
    private SchemaInvalidatingStore store;
    private WriteService write;
    private Tables tables;
    private DataTable table;

    private void open(String kind) throws Exception {
        if (kind.equals("postgres")) {
            db = PostgresTestDatabase.create();
            engine = EngineRegistry.discover()
                    .get("postgres")
                    .create(new EngineConfig(Files.createTempDirectory("gate"), Map.of(), db.jdbcUrl()));
        } else {
            engine = EngineRegistry.discover()
                    .get("duckdb")
                    .create(new EngineConfig(Files.createTempDirectory("gate"), Map.of()));
        }
        JdbcCatalogStore raw = JdbcCatalogStore.open(engine);
        SchemaGate gate = new SchemaGate(engine, DataTableLookup.of(raw));
        store = new SchemaInvalidatingStore(raw, gate);
        tables = new Tables(engine);
        write = new WriteService(engine, new StandaloneCatalog(), gate);
        CatalogService catalog = new CatalogService(store, tables, new ReadService(engine), write, Clock.systemUTC());
        App app = catalog.createApp(new AppChange("Gate", null, null), "test");
        DataSource source = catalog.createDataSource(
                app.slug(), new DataSourceChange("people", null, ProviderType.FLAT_TABLE, null, null), "test");
        table = dataTable(app, source, "people", SCHEMA);
        store.insertTable(table);
        write.create(
                table.resourceId(),
                null,
                new TableDesign(
                        List.of(
                                new FieldSpec("id", FieldType.INT8, null, null),
                                new FieldSpec("name", FieldType.TEXT, null, null),
                                new FieldSpec("score", FieldType.NUMERIC, null, null)),
                        List.of(),
                        List.of("id"),
                        null,
                        null,
                        false),
                Principal.OPEN);
    }

    private static DataTable dataTable(App app, DataSource source, String name, String schema) {
        JsonNode descriptor = JSON.readTree(schema);
        Instant now = Instant.now();
        String physical = app.slug() + "_" + name;
        return new DataTable(
                UUID.randomUUID().toString(),
                app.id(),
                source.id(),
                name,
                name,
                "",
                descriptor,
                TableSchemas.hash(descriptor),
                physical,
                physical,
                true,
                now,
                now,
                null);
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static List<ObjectNode> rows(String json) {
        List<ObjectNode> out = new ArrayList<>();
        JSON.readTree(json).forEach(n -> out.add((ObjectNode) n));
        return out;
    }

    private void insert(String json) {
        write.upsert(tables.resolveWritable(table.resourceId()), WriteMethod.INSERT, rows(json), false);
    }

    private List<String> stored() {
        List<String> out = new ArrayList<>();
        StorageEngine e = java.util.Objects.requireNonNull(engine);
        SearchQuery q = new SearchQuery(
                tables.resolve(table.resourceId()).def(),
                List.of(new SearchQuery.Column("id"), new SearchQuery.Column("name")),
                List.of(),
                null,
                List.of(new SearchQuery.SortKey("id", false)),
                100,
                0,
                false);
        try (RowCursor c = e.search(q)) {
            while (c.next()) {
                out.add(c.get(0) + ":" + c.get(1));
            }
        }
        return out;
    }

    private List<String> storedScores() {
        List<String> out = new ArrayList<>();
        StorageEngine e = java.util.Objects.requireNonNull(engine);
        SearchQuery q = new SearchQuery(
                tables.resolve(table.resourceId()).def(),
                List.of(new SearchQuery.Column("id"), new SearchQuery.Column("score")),
                List.of(),
                null,
                List.of(new SearchQuery.SortKey("id", false)),
                100,
                0,
                false);
        try (RowCursor c = e.search(q)) {
            while (c.next()) {
                Object score = c.get(1);
                out.add(c.get(0) + ":"
                        + (score == null
                                ? "null"
                                : new java.math.BigDecimal(score.toString())
                                        .stripTrailingZeros()
                                        .toPlainString()));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void cellsTheSchemaReadsAreStoredAsReadMissingValuesAsNullAndGroupedNumbersAsNumbers(String kind) throws Exception {
        open(kind);
        insert("""
                [{"id": 1, "name": "a", "score": "NA"},
                 {"id": 2, "name": "b", "score": "1,500"},
                 {"id": 3, "name": "c", "score": 7}]""");
        assertThat(storedScores()).containsExactly("1:null", "2:1500", "3:7");
    }

    private static List<String> frictionless(ApiException e) {
        assertThat(e.getCause()).isInstanceOf(InvalidRowsException.class);
        return ((InvalidRowsException) e.getCause())
                .report().errors().stream()
                        .map(r -> r.type() + "@" + r.rowNumber() + ":" + r.fieldName())
                        .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void anInvalidRowRefusesTheWholeBatchWithEveryErrorAndWritesNothing(String kind) throws Exception {
        open(kind);
        assertThatThrownBy(() -> insert("""
                        [{"id": 1, "name": "ann", "score": 1.5},
                         {"id": "x", "name": "toolongname", "score": -1},
                         {"id": 3, "score": 2}]""")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(frictionless(e))
                    .containsExactly(
                            "type-error@3:id",
                            "constraint-error@3:name",
                            "constraint-error@3:score",
                            // As frictionless-py: a key cell that did not cast leaves the key empty.
                            "primary-key@3:null",
                            "constraint-error@4:name");
            // CKAN numbers records from 1.
            assertThat(e.fieldErrors().get("records")).first().asString().startsWith("row \"2\": type-error");
            assertThat(e.extras()).containsEntry("records_row", 2);
        });
        assertThat(stored()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void aPrimaryKeyAlreadyStoredOrRepeatedInTheBatchIsAPrimaryKeyError(String kind) throws Exception {
        open(kind);
        insert("[{\"id\": 1, \"name\": \"ann\"}]");
        assertThatThrownBy(() -> insert("[{\"id\": 2, \"name\": \"bob\"}, {\"id\": 1, \"name\": \"cy\"},"
                        + " {\"id\": 2, \"name\": \"di\"}]"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(frictionless(e))
                        .containsExactly("primary-key@3:null", "primary-key@4:null"));
        assertThat(stored()).containsExactly("1:ann");
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void skipWritesTheValidRowsAndReturnsTheRejectedOnes(String kind) throws Exception {
        open(kind);
        CheckedRows checked = write.upsert(
                tables.resolveWritable(table.resourceId()),
                WriteMethod.INSERT,
                rows("[{\"id\": 1, \"name\": \"ann\"}, {\"id\": 2}, {\"id\": 3, \"name\": \"cy\"}]"),
                false,
                OnInvalid.SKIP);
        assertThat(checked.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.errors()).extracting(RowError::type).containsExactly("constraint-error");
        });
        assertThat(stored()).containsExactly("1:ann", "3:cy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void anUpdateIsCheckedOnTheCellsItChangesOnly(String kind) throws Exception {
        open(kind);
        insert("[{\"id\": 1, \"name\": \"ann\"}]");
        var ref = tables.resolveWritable(table.resourceId());
        write.upsert(ref, WriteMethod.UPDATE, rows("[{\"id\": 1, \"score\": 3}]"), false);
        assertThatThrownBy(() -> write.upsert(ref, WriteMethod.UPDATE, rows("[{\"id\": 1, \"score\": -3}]"), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(frictionless(e))
                        .containsExactly("constraint-error@2:score"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void aChangedSchemaTakesEffectOnTheNextWrite(String kind) throws Exception {
        open(kind);
        assertThatThrownBy(() -> insert("[{\"id\": 1, \"name\": \"toolongname\"}]"))
                .isInstanceOf(ApiException.class);
        String relaxed = SCHEMA.replace("\"maxLength\": 5", "\"maxLength\": 50");
        JsonNode descriptor = JSON.readTree(relaxed);
        store.updateTable(new DataTable(
                table.id(),
                table.appId(),
                table.datasourceId(),
                table.name(),
                table.slug(),
                table.description(),
                descriptor,
                TableSchemas.hash(descriptor),
                table.physicalName(),
                table.resourceId(),
                true,
                table.createdAt(),
                Instant.now(),
                null));
        insert("[{\"id\": 1, \"name\": \"toolongname\"}]");
        assertThat(stored()).containsExactly("1:toolongname");
    }

    @ParameterizedTest
    @ValueSource(strings = {"duckdb", "postgres"})
    void aTableWithoutADataTableRecordIsNotChecked(String kind) throws Exception {
        open(kind);
        write.create(
                "free",
                null,
                new TableDesign(
                        List.of(new FieldSpec("name", FieldType.TEXT, null, null)),
                        rows("[{\"name\": \"anything at all\"}]"),
                        null,
                        null,
                        null,
                        false),
                Principal.OPEN);
        assertThat(tables.resolve("free").rowCount()).isEqualTo(1);
    }
}
