package datastore.infrastructure.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.schemas.ckan.SearchRequest;
import datastore.schemas.ckan.SqlRequest;
import datastore.services.read.CursorRows;
import datastore.services.read.SearchResult;
import datastore.services.read.SqlResult;
import datastore.services.read.SqlService;
import datastore.services.sql.AllowList;
import datastore.services.sql.GuardedSql;
import datastore.services.sql.SqlGuard;
import datastore.testing.CkanCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract every storage engine meets, exercised through the real services: an engine is done when
 * a subclass of this suite passes against its real database.
 */
public abstract class EngineContractTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SearchRequest.Limits LIMITS = new SearchRequest.Limits(100, 32000, "english");

    @TempDir
    Path dir;

    protected StorageEngine engine;
    private CkanCalls calls;
    private SqlService sql;

    /** A fresh, empty engine for one test. */
    protected abstract StorageEngine createEngine(Path dataDir);

    /**
     * Contract tests this engine cannot meet, by method name, each with the reason (the README lists the
     * same differences); they are reported as skipped with that reason rather than left out silently.
     */
    protected Map<String, String> knownDifferences() {
        return Map.of();
    }

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo test) {
        String method =
                test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("");
        org.junit.jupiter.api.Assumptions.assumeFalse(
                knownDifferences().containsKey(method),
                () -> getClass().getSimpleName() + ": the engine differs: "
                        + knownDifferences().get(method));
        engine = createEngine(dir);
        calls = new CkanCalls(engine, LIMITS);
        sql = new SqlService(
                engine,
                new SqlGuard(AllowList.load(null, engine.allowedFunctionsResource())),
                5,
                Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        if (engine != null) {
            engine.close();
        }
    }

    static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    void create(String body) {
        calls.create(json(body));
    }

    void upsert(String body) {
        calls.upsert(json(body));
    }

    List<String> search(String body) {
        List<String> rows = new ArrayList<>();
        try (SearchResult r = calls.search(json(body))) {
            CursorRows c = r.rows();
            while (c.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < c.fields().size(); i++) {
                    row.add(text(c.value(i)));
                }
                rows.add(String.join("|", row));
            }
        }
        return rows;
    }

    /** Values as text; numerics keep their scale on every engine (12.50 stays 12.50, as in CKAN). */
    private static String text(Object value) {
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    long total(String body) {
        try (SearchResult r = calls.search(json(body))) {
            return r.total().orElseThrow();
        }
    }

    void books() {
        create(
                "{'resource_id': 'books', 'primary_key': 'id', 'fields': [{'id': 'id', 'type': 'int'},"
                        + " {'id': 'title', 'type': 'text'}, {'id': 'price', 'type': 'numeric'}, {'id': 'stock', 'type': 'bool'},"
                        + " {'id': 'published', 'type': 'timestamp'}, {'id': 'tags', 'type': '_text'}, {'id': 'meta', 'type': 'json'}],"
                        + " 'records': [{'id': 1, 'title': 'War and Peace', 'price': '12.50', 'stock': true,"
                        + " 'published': '1869-01-01T10:00:00', 'tags': ['classic', 'russian'], 'meta': {'pages': 1225}},"
                        + " {'id': 2, 'title': 'Anna Karenina', 'price': 9, 'stock': 'f', 'published': '1878-01-01',"
                        + " 'tags': ['classic'], 'meta': null}, {'id': 3, 'title': 'The Idiot', 'price': null, 'stock': null}]}");
    }

    @Test
    void createsTablesWithCkanTypesAndKeepsValues() {
        books();
        TableDef t = engine.table("books").orElseThrow();
        assertThat(t.fields().stream().map(f -> f.type().typname()).toList())
                .containsExactly("int4", "text", "numeric", "bool", "timestamp", "_text", "json");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(search("{'resource_id': 'books', 'fields': '_id,id,price,stock,published,tags,meta'}"))
                .containsExactly(
                        "1|1|12.50|true|1869-01-01T10:00|[classic, russian]|{\"pages\": 1225}",
                        "2|2|9|false|1878-01-01T00:00|[classic]|null",
                        "3|3|null|null|null|null|null");
    }

    @Test
    void unfilteredTotalsComeFromTheMaintainedCountAndFilteredOnesAreExact() {
        books();
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(3);
        assertThat(total("{'resource_id': 'books', 'filters': {'stock': true}}"))
                .isEqualTo(1);
        upsert("{'resource_id': 'books', 'records': [{'id': 4, 'title': 'Demons'}, {'id': 1, 'title': 'W&P'}]}");
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(4);
        calls.delete(json("{'resource_id': 'books', 'filters': {'id': [1, 2]}}"), false);
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(2);
    }

    @Test
    void upsertSemanticsInsertUpsertUpdate() {
        books();
        upsert("{'resource_id': 'books', 'method': 'insert', 'records': [{'id': 10, 'title': 'New'}]}");
        upsert("{'resource_id': 'books', 'records': [{'id': 10, 'price': 1.25}, {'id': 11, 'title': 'Newer'}]}");
        upsert("{'resource_id': 'books', 'method': 'update', 'records': [{'_id': 1, 'title': 'Renamed'}]}");
        assertThat(search("{'resource_id': 'books', 'fields': '_id,id,title,price', 'filters': {'id': [1, 10, 11]}}"))
                .containsExactly("1|1|Renamed|12.50", "4|10|New|1.25", "5|11|Newer|null");
        assertThatThrownBy(() -> upsert("{'resource_id': 'books', 'method': 'update', 'records': [{'id': 99}]}"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("key"));
        assertThatThrownBy(() ->
                        upsert("{'resource_id': 'books', 'method': 'insert', 'records': [{'id': 12}, {'id': 12}]}"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("records"));
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(5);
    }

    @Test
    void insertIgnoreSkipsKeysThatExistOrCameEarlierInTheBatch() {
        books();
        datastore.services.write.WriteService write = new datastore.services.write.WriteService(engine);
        write.upsert(
                new datastore.services.tables.Tables(engine).resolveWritable("books"),
                datastore.schemas.write.WriteMethod.INSERT_IGNORE,
                List.of(
                        json("{'id': 1, 'title': 'Ignored'}"),
                        json("{'id': 20, 'title': 'First'}"),
                        json("{'id': 20, 'title': 'Second'}"),
                        json("{'id': 21, 'title': 'Other'}")),
                false);
        assertThat(search("{'resource_id': 'books', 'fields': 'id,title', 'filters': {'id': [1, 20, 21]}}"))
                .containsExactly("1|War and Peace", "20|First", "21|Other");
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(5);
    }

    /** The error a call fails with. */
    static ApiException failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(ApiException.class);
        return (ApiException) t;
    }

    /** The one message of a field's errors. */
    static String message(ApiException e, String field) {
        assertThat(e.fieldErrors()).as(e.getMessage()).containsKey(field);
        return e.fieldErrors().get(field).getFirst();
    }

    /** The database's own reason CKAN passes on in {@code info.orig}. */
    static String orig(ApiException e) {
        Object info = e.extras().get("info");
        assertThat(info).as(e.getMessage()).isInstanceOf(java.util.Map.class);
        Object orig = ((java.util.Map<?, ?>) info).get("orig");
        return orig instanceof List<?> l ? String.valueOf(l.getFirst()) : String.valueOf(orig);
    }

    @Test
    void valuesTheColumnTypeRejectsAreReportedInPostgresqlsWords() {
        String[][] cases = {
            {"int4", "abc", "invalid input syntax for type integer: \"abc\""},
            {"int2", "99999", "value \"99999\" is out of range for type smallint"},
            {"int8", "12abc", "invalid input syntax for type bigint: \"12abc\""},
            {"float8", "x", "invalid input syntax for type double precision: \"x\""},
            {"bool", "maybe", "invalid input syntax for type boolean: \"maybe\""},
            {"uuid", "abc", "invalid input syntax for type uuid: \"abc\""},
            {"timestamp", "abc", "invalid input syntax for type timestamp: \"abc\""},
            {"timestamptz", "abc", "invalid input syntax for type timestamp with time zone: \"abc\""},
            {"date", "abc", "invalid input syntax for type date: \"abc\""},
            {"interval", "abc", "invalid input syntax for type interval: \"abc\""},
        };
        StringBuilder fields = new StringBuilder();
        for (String[] c : cases) {
            fields.append(fields.isEmpty() ? "" : ", ").append("{'id': 'c_" + c[0] + "', 'type': '" + c[0] + "'}");
        }
        create("{'resource_id': 'typed', 'fields': [" + fields + "]}");
        TableDef table = engine.table("typed").orElseThrow();
        for (String[] c : cases) {
            // Straight to the engine: the write service would refuse these values itself.
            RowBatch row = new RowBatch(List.of("c_" + c[0]), List.<String[]>of(new String[] {c[1]}), 0);
            ApiException e = failure(() -> engine.write(new WriteRows(
                    table,
                    datastore.schemas.write.WriteMethod.INSERT,
                    List.of(new WriteRows.Group(row, List.of())),
                    false)));
            assertThat(message(e, "records")).as(c[0]).isEqualTo(c[2]);
            assertThat(e.extras()).containsEntry("records_row", 0);
        }
        assertThat(engine.table("typed").orElseThrow().rowCount()).isZero();
    }

    @Test
    void filterValuesTheColumnTypeRejectsAreReportedInPostgresqlsWords() {
        books();
        ApiException e = failure(() -> search("{'resource_id': 'books', 'filters': {'id': 'abc'}}"));
        assertThat(message(e, "query")).isEqualTo("Invalid query");
        assertThat(orig(e)).isEqualTo("invalid input syntax for type integer: \"abc\"");
    }

    @Test
    void repeatedKeysNameTheKeyColumnsAndValues() {
        books();
        ApiException existing =
                failure(() -> upsert("{'resource_id': 'books', 'method': 'insert', 'records': [{'id': 1}]}"));
        assertThat(message(existing, "records"))
                .isEqualTo("duplicate key value violates unique constraint: Key (id)=(1) already exists.");
        ApiException within = failure(() -> upsert(
                "{'resource_id': 'books', 'method': 'insert', 'records': [{'id': 12}, {'id': 13}, {'id': 12}]}"));
        assertThat(message(within, "records"))
                .isEqualTo("duplicate key value violates unique constraint: Key (id)=(12) already exists.");

        create("{'resource_id': 'pairs', 'primary_key': ['city', 'name'], 'fields': [{'id': 'name', 'type': 'text'},"
                + " {'id': 'city', 'type': 'text'}], 'records': [{'name': 'Ann', 'city': 'Oslo, Norway'}]}");
        ApiException pair = failure(() -> upsert("{'resource_id': 'pairs', 'method': 'insert',"
                + " 'records': [{'name': 'Ann', 'city': 'Oslo, Norway'}]}"));
        assertThat(message(pair, "records"))
                .isEqualTo(
                        "duplicate key value violates unique constraint: Key (city, name)=(Oslo, Norway, Ann) already"
                                + " exists.");
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(3);
    }

    @Test
    void aPrimaryKeyTheRowsBreakNamesTheKey() {
        create("{'resource_id': 'dups', 'records': [{'id': 1}, {'id': 2}, {'id': 1}]}");
        ApiException e = failure(() -> create("{'resource_id': 'dups', 'primary_key': 'id'}"));
        assertThat(message(e, "constraints"))
                .isEqualTo("Cannot insert records or create indexbecause of uniqueness constraint");
        assertThat(orig(e)).isEqualTo("could not create unique index: Key (id)=(1) is duplicated.");
        assertThat(e.extras().get("info")).asString().contains("23505");
    }

    private CreateTable newTable(String id, List<String> aliases) {
        return new CreateTable(
                id,
                null,
                List.of(new ColumnDef("a", datastore.schemas.types.FieldType.TEXT, null)),
                new RowBatch(List.of("a"), List.<String[]>of(new String[] {"x"}), 0),
                null,
                null,
                aliases);
    }

    @Test
    void namesTheDatabaseWouldTruncateOrTakeForItsOwnAreRefused() {
        List<String> refused = List.of(
                "x".repeat(64),
                // 32 characters, 64 bytes: PostgreSQL's limit is in bytes.
                "é".repeat(32),
                "_table_metadata",
                "pg_class",
                "PG_Stats",
                "duckdb_tables",
                "sqlite_master",
                "information_schema",
                "main",
                "MAIN",
                "public",
                "temp",
                "system",
                "");
        for (String id : refused) {
            ApiException e = failure(() -> engine.create(newTable(id, null)));
            assertThat(e.code()).as(id).isEqualTo(ErrorCode.VALIDATION);
            assertThat(message(e, "resource_id")).as(id).contains("is not a valid resource_id");
            assertThat(engine.table(id)).as(id).isEmpty();
        }
        ApiException alias = failure(() -> engine.create(newTable("fine", List.of("ok", "pg_proc"))));
        assertThat(message(alias, "alias")).isEqualTo("\"pg_proc\" is not a valid alias: the name is reserved");
        assertThat(engine.table("fine")).isEmpty();

        String longest = "é".repeat(31) + "x";
        engine.create(newTable(longest, List.of("x".repeat(63))));
        assertThat(search("{'resource_id': '" + "x".repeat(63) + "', 'fields': 'a'}"))
                .containsExactly("x");
        assertThat(engine.table(longest).map(TableDef::id)).contains(longest);
        assertThat(engine.table(longest + "y")).isEmpty();
    }

    @Test
    void dryRunChecksButWritesNothing() {
        books();
        calls.upsert(json("{'resource_id': 'books', 'dry_run': true, 'records': [{'id': 50}]}"));
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(3);
    }

    @Test
    void filtersSortAndPaging() {
        books();
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'sort': 'price desc nulls last'}"))
                .containsExactly("1", "2", "3");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'sort': 'price asc', 'limit': 1, 'offset': 1}"))
                .containsExactly("1");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'filters': {'published': '1878-01-01'}}"))
                .containsExactly("2");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'filters': {'tags': ['classic']}}"))
                .containsExactly("2");
        assertThat(search("{'resource_id': 'books', 'fields': 'title', 'filters': {'id': '3'}}"))
                .containsExactly("The Idiot");
        assertThatThrownBy(() -> search("{'resource_id': 'books', 'filters': {'id': 'abc'}}"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("query"));
    }

    @Test
    void offsetsOnTheDefaultOrderStayExactAcrossDeletes() {
        books();
        upsert("{'resource_id': 'books', 'method': 'insert', 'records': [{'id': 4}, {'id': 5}, {'id': 6}]}");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'offset': 2, 'limit': 2}"))
                .containsExactly("3", "4");
        calls.delete(json("{'resource_id': 'books', 'filters': {'id': [2, 4]}}"), false);
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'offset': 2, 'limit': 2}"))
                .containsExactly("5", "6");
        upsert("{'resource_id': 'books', 'method': 'insert', 'records': [{'id': 7}]}");
        assertThat(search("{'resource_id': 'books', 'fields': '_id,id', 'offset': 3}"))
                .containsExactly("6|6", "7|7");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'offset': 1, 'limit': 1, 'sort': '_id desc'}"))
                .containsExactly("6");
    }

    @Test
    void distinctReturnsUniqueRows() {
        create("{'resource_id': 'd', 'records': [{'a': 'x'}, {'a': 'x'}, {'a': 'y'}]}");
        assertThat(search("{'resource_id': 'd', 'fields': 'a', 'distinct': true, 'sort': 'a'}"))
                .containsExactly("x", "y");
        assertThat(total("{'resource_id': 'd', 'fields': 'a', 'distinct': true}"))
                .isEqualTo(2);
    }

    @Test
    void fullTextMatchesStemmedWholeWordsAndRanks() {
        books();
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'war'}"))
                .containsExactly("1");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'idiots'}"))
                .containsExactly("3");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'ann'}"))
                .isEmpty();
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'anna war'}"))
                .isEmpty();
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'anna | war', 'plain': false, 'sort': 'id'}"))
                .containsExactly("1", "2");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'kar:*', 'plain': false}"))
                .containsExactly("2");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': {'title': 'peace'}}"))
                .containsExactly("1");
        List<String> ranked = search("{'resource_id': 'books', 'q': 'classic'}");
        assertThat(ranked).hasSize(2);
        assertThatThrownBy(() -> search("{'resource_id': 'books', 'q': 'foo bar', 'plain': false}"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("query"));
    }

    @Test
    void fullTextQueriesTooLargeOrTooDeepAreRefusedOnQ() {
        books();
        // Under the request's 100,000-character cap for q, so that the term limit is what refuses them.
        String words = "war ".repeat(2_000);
        List<String> tooLarge = List.of(
                "{'resource_id': 'books', 'q': '" + words + "'}",
                "{'resource_id': 'books', 'q': {'title': '" + words + "'}}",
                "{'resource_id': 'books', 'plain': false, 'q': '" + "war & ".repeat(2_000) + "war'}",
                "{'resource_id': 'books', 'plain': false, 'q': '" + "war | ".repeat(1024) + "war'}",
                // A hyphenated word is three lexemes (the word, war, peac): the limit counts what the analysis makes.
                "{'resource_id': 'books', 'plain': false, 'q': '" + "war-and-peace & ".repeat(400) + "war'}");
        for (String body : tooLarge) {
            ApiException e = failure(() -> search(body));
            assertThat(message(e, "q")).as(body.substring(0, 60)).contains("too many terms");
        }
        List<String> tooDeep = List.of(
                "(".repeat(40_000) + "war" + ")".repeat(40_000),
                "!".repeat(50_000) + "war",
                "!(".repeat(20_000) + "war" + ")".repeat(20_000),
                "(".repeat(33) + "war" + ")".repeat(33));
        for (String q : tooDeep) {
            ApiException e = failure(() -> search("{'resource_id': 'books', 'plain': false, 'q': '" + q + "'}"));
            assertThat(message(e, "q")).as(q.substring(0, 20)).contains("nested too deeply");
            e = failure(() -> search("{'resource_id': 'books', 'plain': false, 'q': {'title': '" + q + "'}}"));
            assertThat(message(e, "q")).contains("nested too deeply");
        }
    }

    @Test
    void fullTextQueriesUpToTheLimitsWork() {
        books();
        StringBuilder any = new StringBuilder();
        for (int i = 0; i < 1023; i++) {
            any.append("zz").append(i).append(" | ");
        }
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'plain': false, 'q': '" + any + "war'}"))
                .containsExactly("1");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'sort': 'rank desc', 'q': '" + "war ".repeat(1024)
                        + "'}"))
                .containsExactly("1");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': {'title': '" + "peace ".repeat(1024) + "'}}"))
                .containsExactly("1");
        String deep = "(".repeat(32) + "war" + ")".repeat(32);
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'plain': false, 'q': '" + deep + "'}"))
                .containsExactly("1");
        // Alternating operators, 32 levels: no chain to flatten, so this is the deepest SQL a q makes.
        StringBuilder alternating = new StringBuilder("war");
        for (int i = 0; i < 8; i++) {
            alternating = new StringBuilder("!(zz" + i + " | !(" + alternating + " & war))");
        }
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'plain': false, 'q': '" + alternating + "'}"))
                .containsExactly("1");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'plain': false, 'q': {'title': '" + alternating
                        + "'}}"))
                .containsExactly("1");
    }

    @Test
    void rankingIgnoresColumnsNamedLikeItsHelpers() {
        // Short names an engine might use inside its own rank SQL (lambda parameters, struct fields).
        create("{'resource_id': 'short', 'fields': [{'id': 't', 'type': 'text'}, {'id': 'x', 'type': 'text'},"
                + " {'id': 'k', 'type': 'int'}, {'id': 'j', 'type': 'int'}, {'id': 'r', 'type': 'int'},"
                + " {'id': 'l', 'type': 'text'}, {'id': 'p', 'type': 'bool'}],"
                + " 'records': [{'t': 'war and peace', 'x': 'war', 'k': 1, 'j': 2, 'r': 3, 'l': 'l', 'p': true}]}");
        assertThat(search("{'resource_id': 'short', 'fields': 't', 'sort': 'rank desc', 'q': 'war'}"))
                .containsExactly("war and peace");
        assertThat(search("{'resource_id': 'short', 'fields': 't, rank t', 'q': {'t': 'peace'}}"))
                .singleElement()
                .asString()
                .startsWith("war and peace|0.0");
    }

    @Test
    void fullTextFollowsUpdates() {
        books();
        upsert("{'resource_id': 'books', 'method': 'update', 'records': [{'id': 3, 'title': 'Crime and Punishment'}]}");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'punishment'}"))
                .containsExactly("3");
        assertThat(search("{'resource_id': 'books', 'fields': 'id', 'q': 'idiot'}"))
                .isEmpty();
    }

    @Test
    void sqlRunsGuardedSelectsWithTheRowCap() {
        books();
        try (SqlResult r = sql.run("q", sql.check("SELECT id, title FROM \"books\" ORDER BY id"))) {
            int n = 0;
            while (r.rows().next()) {
                n++;
            }
            assertThat(n).isEqualTo(3);
            assertThat(r.rows().truncated()).isFalse();
        }
        create("{'resource_id': 'many', 'records': [" + "{'a': 1},".repeat(9) + "{'a': 1}]}");
        try (SqlResult r = sql.run("q", sql.check("SELECT * FROM \"many\""))) {
            int n = 0;
            while (r.rows().next()) {
                n++;
            }
            assertThat(n).isEqualTo(5);
            assertThat(r.rows().truncated()).isTrue();
        }
        assertThatThrownBy(() -> sql.check("DROP TABLE \"books\"")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> sql.check("SELECT * FROM read_csv('/etc/passwd')"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED));
        assertThat(engine.table("books")).isPresent();
        assertThat(SqlRequest.parse(json("{'sql': 'SELECT 1'}")).sql()).isEqualTo("SELECT 1");
    }

    @Test
    void theEnginesPlanNamesTheTablesAQueryReadsWithViewsExpandedAndCtesLeftOut() {
        books();
        create("{'resource_id': 'other', 'aliases': 'other_alias', 'records': [{'a': 1}]}");
        String schema = engine.sqlIdentifiers().tableSchema();
        List<PlanRelation> read = engine.relationsRead(
                "WITH c AS (SELECT 1 AS x) SELECT b.id FROM \"books\" b, \"other_alias\" o, c", Duration.ofSeconds(30));
        assertThat(read)
                .filteredOn(r -> r.kind() == PlanRelation.Kind.TABLE)
                .containsExactlyInAnyOrder(
                        new PlanRelation(PlanRelation.Kind.TABLE, schema, "books"),
                        new PlanRelation(PlanRelation.Kind.TABLE, schema, "other"));
        assertThat(engine.relationsRead("SELECT 1 AS one", Duration.ofSeconds(30)))
                .noneMatch(r -> r.kind() == PlanRelation.Kind.TABLE);
    }

    @Test
    void aQueryWhosePlanReadsMoreThanTheGuardAllowedIsRefused() {
        books();
        create("{'resource_id': 'other', 'records': [{'secret': 's3cr3t'}]}");
        // As if the guard had been fooled: the text reads a table its verdict does not list.
        GuardedSql forged = new GuardedSql("SELECT * FROM \"other\"", java.util.Set.of("books"));
        assertThatThrownBy(() -> sql.run("q", forged))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED));
        GuardedSql system = new GuardedSql("SELECT * FROM information_schema.tables", java.util.Set.of());
        assertThatThrownBy(() -> sql.run("q", system))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED));
        try (SqlResult r = sql.run("q", new GuardedSql("SELECT * FROM \"other\"", java.util.Set.of("other")))) {
            assertThat(r.rows().next()).isTrue();
        }
    }

    @Test
    void noValueOverTheCapLeavesTheEngine() {
        try (RowCursor c = engine.sql("SELECT repeat('x', 2000) AS v, 1 AS n", 5, 1000, Duration.ofSeconds(30))) {
            assertThat(c.columns()).extracting(RowCursor.ResultColumn::name).containsExactly("v", "n");
            assertThatThrownBy(c::next).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                    .contains("SQL_VALUE_MAX_BYTES"));
        }
        try (RowCursor c = engine.sql("SELECT repeat('x', 999) AS v, 2 AS n", 5, 1000, Duration.ofSeconds(30))) {
            assertThat(c.columns()).extracting(RowCursor.ResultColumn::name).containsExactly("v", "n");
            assertThat(c.next()).isTrue();
            assertThat((String) c.get(0)).hasSize(999);
            assertThat(c.next()).isFalse();
        }
    }

    @Test
    void dumpsStreamEveryRowInOrder() {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            records.append(i == 0 ? "" : ",").append("{'n': ").append(i).append(", 'when': '2020-01-01'}");
        }
        create("{'resource_id': 'big', 'fields': [{'id': 'n', 'type': 'int'}, {'id': 'when', 'type': 'timestamp'}],"
                + " 'records': [" + records + "]}");
        long count = 0;
        long last = -1;
        try (CursorRows rows = calls.dump(json("{'resource_id': 'big', 'include_total': false}"), null)) {
            while (rows.next()) {
                long n = ((Number) rows.value(1)).longValue();
                assertThat(n).isGreaterThan(last);
                assertThat(rows.value(2)).isEqualTo(LocalDateTime.of(2020, 1, 1, 0, 0));
                last = n;
                count++;
            }
        }
        assertThat(count).isEqualTo(50_000);
    }

    @Test
    void dropRemovesTableAndAliases() {
        create("{'resource_id': 't', 'aliases': 'tt', 'records': [{'a': 1}]}");
        assertThat(engine.table("tt").map(TableDef::id)).contains("t");
        calls.delete(json("{'resource_id': 't'}"), false);
        assertThat(engine.table("t")).isEmpty();
        assertThat(engine.table("tt")).isEmpty();
        create("{'resource_id': 't', 'records': [{'b': 'again'}]}");
        assertThat(search("{'resource_id': 't', 'fields': 'b'}")).containsExactly("again");
    }

    @Test
    void catalogSurvivesARestart() {
        books();
        engine.close();
        engine = createEngine(dir);
        calls = new CkanCalls(engine, LIMITS);
        assertThat(total("{'resource_id': 'books'}")).isEqualTo(3);
        upsert("{'resource_id': 'books', 'method': 'insert', 'records': [{'id': 7}]}");
        assertThat(search("{'resource_id': 'books', 'fields': '_id', 'filters': {'id': 7}}"))
                .containsExactly("4");
    }

    private void alterable() {
        create(
                "{'resource_id': 'alt', 'primary_key': 'id', 'aliases': 'alt_view', 'fields': [{'id': 'id', 'type': 'int'},"
                        + " {'id': 'title', 'type': 'text', 'info': {'label': 'Title'}}, {'id': 'n', 'type': 'text'}],"
                        + " 'records': [{'id': 1, 'title': 'apple', 'n': '10'}, {'id': 2, 'title': 'banana', 'n': '20'}]}");
    }

    /** Column {@code from} of {@code t}, afterwards called {@code id} and typed {@code type}. */
    private static AlterTable.Column from(TableDef t, String from, String id, datastore.schemas.types.FieldType type) {
        ColumnDef old = t.field(from).orElseThrow();
        return new AlterTable.Column(from, new ColumnDef(id, type, old.info()));
    }

    private static AlterTable.Column from(TableDef t, String from, String id) {
        return from(t, from, id, t.field(from).orElseThrow().type());
    }

    @Test
    void alterRenamesAColumnKeepingItsValuesDataDictionaryAndKey() {
        alterable();
        TableDef t = engine.table("alt").orElseThrow();
        TableDef after = engine.alter(new AlterTable(
                t, List.of(from(t, "id", "id"), from(t, "title", "headline"), from(t, "n", "n")), null, null));
        assertThat(after.fieldIds()).containsExactly("id", "headline", "n");
        TableDef read = engine.table("alt").orElseThrow();
        assertThat(read.fieldIds()).containsExactly("id", "headline", "n");
        assertThat(read.field("headline").orElseThrow().info().get("label").asString())
                .isEqualTo("Title");
        assertThat(read.primaryKey()).containsExactly("id");
        assertThat(search("{'resource_id': 'alt', 'fields': 'id,headline', 'sort': 'id'}"))
                .containsExactly("1|apple", "2|banana");
        assertThat(search("{'resource_id': 'alt_view', 'fields': 'headline', 'sort': 'headline'}"))
                .containsExactly("apple", "banana");
        upsert("{'resource_id': 'alt', 'method': 'upsert', 'records': [{'id': 1, 'headline': 'apricot'}]}");
        assertThat(search("{'resource_id': 'alt', 'fields': 'id,headline', 'sort': 'id'}"))
                .containsExactly("1|apricot", "2|banana");
    }

    @Test
    void alterRenamesTheTableKeepingRowsAliasesFullTextAndIds() {
        alterable();
        TableDef t = engine.table("alt").orElseThrow();
        engine.alter(new AlterTable(
                t, List.of(from(t, "id", "id"), from(t, "title", "title"), from(t, "n", "n")), null, "alt2"));
        assertThat(engine.table("alt")).isEmpty();
        assertThat(engine.table("alt2").map(TableDef::rowCount)).contains(2L);
        assertThat(engine.table("alt_view").map(TableDef::id)).contains("alt2");
        assertThat(engine.tables()).extracting(TableName::name).doesNotContain("alt");
        assertThat(search("{'resource_id': 'alt2', 'fields': 'id', 'q': 'banana'}"))
                .containsExactly("2");
        upsert("{'resource_id': 'alt2', 'method': 'insert', 'records': [{'id': 3, 'title': 'cherry'}]}");
        assertThat(search("{'resource_id': 'alt_view', 'fields': '_id,id', 'sort': 'id'}"))
                .containsExactly("1|1", "2|2", "3|3");
        assertThat(search("{'resource_id': 'alt2', 'fields': 'id', 'q': 'cherry'}"))
                .containsExactly("3");
    }

    @Test
    void alterAddsDropsRetypesAndReordersColumnsTogether() {
        alterable();
        TableDef t = engine.table("alt").orElseThrow();
        engine.alter(new AlterTable(
                t,
                List.of(
                        from(t, "n", "n", datastore.schemas.types.FieldType.INT8),
                        from(t, "id", "id"),
                        new AlterTable.Column(
                                null, new ColumnDef("extra", datastore.schemas.types.FieldType.TEXT, null))),
                null,
                null));
        TableDef read = engine.table("alt").orElseThrow();
        assertThat(read.fieldIds()).containsExactly("n", "id", "extra");
        assertThat(read.field("n").orElseThrow().type()).isEqualTo(datastore.schemas.types.FieldType.INT8);
        assertThat(read.primaryKey()).containsExactly("id");
        assertThat(search("{'resource_id': 'alt_view', 'fields': 'n,id,extra', 'sort': 'n desc'}"))
                .containsExactly("20|2|null", "10|1|null");
        upsert("{'resource_id': 'alt', 'method': 'insert', 'records': [{'id': 3, 'n': 30, 'extra': 'x'}]}");
        assertThat(search("{'resource_id': 'alt', 'fields': '_id,n,extra', 'filters': {'id': 3}}"))
                .containsExactly("3|30|x");
    }

    @Test
    void alterSwapsColumnNamesAndReplacesThePrimaryKey() {
        alterable();
        TableDef t = engine.table("alt").orElseThrow();
        engine.alter(new AlterTable(
                t, List.of(from(t, "id", "id"), from(t, "n", "title"), from(t, "title", "n")), List.of("title"), null));
        TableDef read = engine.table("alt").orElseThrow();
        assertThat(read.primaryKey()).containsExactly("title");
        assertThat(search("{'resource_id': 'alt', 'fields': 'title,n', 'sort': 'id'}"))
                .containsExactly("10|apple", "20|banana");
        ApiException duplicate = failure(
                () -> upsert("{'resource_id': 'alt', 'method': 'insert', 'records': [{'id': 9, 'title': '10'}]}"));
        assertThat(duplicate.code()).isEqualTo(ErrorCode.VALIDATION);
    }

    @Test
    void aFailedAlterChangesNothing() {
        alterable();
        TableDef t = engine.table("alt").orElseThrow();
        ApiException e = failure(() -> engine.alter(new AlterTable(
                t,
                List.of(
                        from(t, "id", "ident"),
                        from(t, "title", "title", datastore.schemas.types.FieldType.INT8),
                        new AlterTable.Column(
                                null, new ColumnDef("extra", datastore.schemas.types.FieldType.TEXT, null))),
                null,
                "alt2")));
        assertThat(e.fieldErrors()).containsKey("alter");
        assertThat(engine.table("alt2")).isEmpty();
        TableDef read = engine.table("alt").orElseThrow();
        assertThat(read.fields()).isEqualTo(t.fields());
        assertThat(read.primaryKey()).containsExactly("id");
        assertThat(search("{'resource_id': 'alt_view', 'fields': 'id,title,n', 'sort': 'id'}"))
                .containsExactly("1|apple|10", "2|banana|20");
        // The key's unique index is back (DuckDB drops it before the alter and restores it on failure).
        ApiException duplicate = failure(
                () -> upsert("{'resource_id': 'alt', 'method': 'insert', 'records': [{'id': 1, 'title': 'again'}]}"));
        assertThat(duplicate.code()).isEqualTo(ErrorCode.VALIDATION);
        upsert("{'resource_id': 'alt', 'method': 'upsert', 'records': [{'id': 2, 'title': 'blueberry'}]}");
        assertThat(search("{'resource_id': 'alt', 'fields': 'title', 'sort': 'id'}"))
                .containsExactly("apple", "blueberry");
    }
}
