package datastore.services.read;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.EngineConfig;
import datastore.infrastructure.engines.PlanRelation;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.duckdb.DuckDbEngineFactory;
import datastore.infrastructure.engines.postgres.PostgresEngineFactory;
import datastore.services.sql.AllowList;
import datastore.services.sql.SqlGuard;
import datastore.testing.CkanCalls;
import datastore.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SQL guard against each engine's own notion of what a statement reads: for generated statements
 * mixing CTE names and quoted, unquoted and case-varied table names, whenever the guard accepts, the
 * engine's plan reads only datastore tables the guard allowed; and nothing but a refusal ever comes out.
 */
class SqlPlanAgreementTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> NAMES =
            List.of("t_a", "t_b", "T_B", "al_a", "secret", "secret_s", "x", "c", "tables", "_table_metadata", "blah");
    private static final List<String> SCHEMAS = List.of("", "", "", "public.", "main.", "_datastore.", "pg_catalog.");

    private static StorageEngine duckdb;
    private static SqlService duckdbSql;
    private static StorageEngine postgres;
    private static SqlService postgresSql;
    private static PostgresTestDatabase database;

    @BeforeContainer
    static void engines() throws Exception {
        duckdb = new DuckDbEngineFactory()
                .create(new EngineConfig(Files.createTempDirectory("datastore-fuzz"), Map.of()));
        duckdbSql = service(duckdb);
        tables(duckdb);
        try {
            database = PostgresTestDatabase.create();
        } catch (org.opentest4j.TestAbortedException e) {
            return;
        }
        postgres = new PostgresEngineFactory()
                .create(new EngineConfig(Files.createTempDirectory("datastore-fuzz"), Map.of(), database.jdbcUrl()));
        postgresSql = service(postgres);
        tables(postgres);
        try (Connection c = database.connect();
                Statement s = c.createStatement()) {
            // Plain tables outside the datastore, in the case variants the generator uses.
            s.execute("CREATE TABLE secret (v text)");
            s.execute("CREATE TABLE \"SECRET_S\" (v text)");
            s.execute("CREATE TABLE \"X\" (v text)");
        }
    }

    @AfterContainer
    static void close() {
        duckdb.close();
        if (postgres != null) {
            postgres.close();
            database.close();
        }
    }

    private static SqlService service(StorageEngine engine) {
        return new SqlService(
                engine,
                new SqlGuard(AllowList.load(null, engine.allowedFunctionsResource())),
                100,
                Duration.ofSeconds(30));
    }

    private static void tables(StorageEngine engine) {
        CkanCalls calls = new CkanCalls(engine, new datastore.schemas.ckan.SearchRequest.Limits(100, 32000, "english"));
        for (String body : List.of(
                "{\"resource_id\": \"t_a\", \"aliases\": \"al_a\", \"records\": [{\"a\": 1}]}",
                "{\"resource_id\": \"T_B\", \"records\": [{\"b\": 2}]}")) {
            calls.create((ObjectNode) JSON.readTree(body));
        }
    }

    @Property(tries = 400)
    void duckDbReadsOnlyWhatTheGuardAllowed(@ForAll("statements") String sql) {
        agrees(duckdb, duckdbSql, sql);
    }

    @Property(tries = 400)
    void postgresReadsOnlyWhatTheGuardAllowed(@ForAll("statements") String sql) {
        if (postgres != null) {
            agrees(postgres, postgresSql, sql);
        }
    }

    private static void agrees(StorageEngine engine, SqlService service, String sql) {
        Set<String> allowed;
        try {
            allowed = service.checkNamed(sql).guarded().tables();
        } catch (ApiException refused) {
            return;
        }
        assertThat(allowed).allMatch(id -> engine.table(id).isPresent());
        List<PlanRelation> read;
        try {
            read = engine.relationsRead(service.check(sql).sql(), Duration.ofSeconds(30));
        } catch (ApiException refused) {
            return;
        }
        String schema = engine.sqlIdentifiers().tableSchema();
        for (PlanRelation r : read) {
            if (r.kind() == PlanRelation.Kind.TABLE) {
                assertThat(r.schema()).as(sql).isEqualTo(schema);
                assertThat(allowed).as(sql).contains(r.name());
            }
        }
    }

    @Provide
    Arbitrary<String> statements() {
        Arbitrary<String> ref = reference();
        Arbitrary<String> cte = name();
        Arbitrary<String> body =
                Arbitraries.oneOf(Arbitraries.just("SELECT 1 AS x"), ref.map(r -> "SELECT * FROM " + r));
        Arbitrary<String> with = Combinators.combine(cte, body, cte, body)
                .as((n1, b1, n2, b2) -> "WITH " + n1 + " AS (" + b1 + "), " + n2 + " AS (" + b2 + ") ");
        Arbitrary<String> query = Arbitraries.oneOf(
                ref.map(r -> "SELECT * FROM " + r),
                Combinators.combine(ref, ref).as((a, b) -> "SELECT * FROM " + a + " JOIN " + b + " ON true"),
                ref.map(r -> "SELECT (SELECT count(*) FROM " + r + ") AS n"),
                ref.map(r -> "SELECT * FROM (SELECT * FROM " + r + ") AS s"),
                Combinators.combine(ref, ref).as((a, b) -> "SELECT * FROM " + a + " UNION ALL SELECT * FROM " + b),
                Combinators.combine(cte, ref)
                        .as((n, r) ->
                                "SELECT * FROM (WITH " + n + " AS (SELECT 1 AS x) SELECT * FROM " + r + ") AS q"));
        return Combinators.combine(Arbitraries.of(true, false), with, query)
                .as((useWith, w, q) -> (useWith ? w : "") + q);
    }

    private static Arbitrary<String> reference() {
        return Combinators.combine(Arbitraries.of(SCHEMAS), name()).as((s, n) -> s + n);
    }

    /** A name in a random case, quoted or not. */
    private static Arbitrary<String> name() {
        return Combinators.combine(
                        Arbitraries.of(NAMES), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((n, casing, quoted) -> {
                    String text =
                            switch (casing) {
                                case 0 -> n;
                                case 1 -> n.toUpperCase(java.util.Locale.ROOT);
                                case 2 -> n.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + n.substring(1);
                                default -> n.toLowerCase(java.util.Locale.ROOT);
                            };
                    return quoted ? "\"" + text + "\"" : text;
                });
    }
}
