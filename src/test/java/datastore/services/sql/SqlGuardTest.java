package datastore.services.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import datastore.core.config.ConfigException;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {
    private static final String RES1 = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String RES2 = "b1b2c3d4-0000-4000-8000-000000000002";
    private static final Map<String, String> KNOWN = Map.of(RES1, RES1, RES2, RES2, "myalias", RES1);
    private static final Function<String, Optional<String>> RESOLVER = name -> Optional.ofNullable(KNOWN.get(name));
    private static final Set<String> BUNDLED = AllowList.load(null, AllowList.DEFAULT_RESOURCE);

    private final SqlGuard guard = new SqlGuard(BUNDLED);

    // --- accepted queries, table resolution and rewriting ---

    @Test
    void plainSelectIsAcceptedAndItsTableResolved() {
        GuardedSql result = check("SELECT * FROM \"" + RES1 + "\"");

        assertThat(result.sql()).isEqualTo("SELECT * FROM \"" + RES1 + "\"");
        assertThat(result.tables()).containsExactly(RES1);
    }

    @Test
    void aliasIsResolvedToItsIdAndKeptAsTableAliasForQualifiedColumns() {
        GuardedSql result = check("SELECT myalias.x FROM myalias WHERE myalias.y > 1");

        assertThat(result.sql()).isEqualTo("SELECT myalias.x FROM \"" + RES1 + "\" AS myalias WHERE myalias.y > 1");
        assertThat(result.tables()).containsExactly(RES1);
    }

    @Test
    void unquotedNamesAreFoldedToLowerCaseBeforeResolution() {
        assertThat(check("SELECT * FROM MyAlias").tables()).containsExactly(RES1);
    }

    @Test
    void publicOrMainQualifiedTableIsAcceptedAndRewrittenWithoutSchema() {
        GuardedSql result = check(
                "SELECT public.\"" + RES1 + "\".x FROM public.\"" + RES1 + "\" JOIN main.\"" + RES2 + "\" USING (id)");

        assertThat(result.sql())
                .isEqualTo("SELECT \"" + RES1 + "\".x FROM \"" + RES1 + "\" JOIN \"" + RES2 + "\" USING (id)");
        assertThat(result.tables()).containsExactly(RES1, RES2);
    }

    @Test
    void existingTableAliasIsKeptAndNoSecondAliasAdded() {
        assertThat(check("SELECT t.x FROM myalias AS t").sql()).isEqualTo("SELECT t.x FROM \"" + RES1 + "\" AS t");
    }

    @Test
    void cteNamesAreNotTreatedAsTables() {
        GuardedSql result = check("WITH t AS (SELECT x FROM \"" + RES1 + "\"), u AS (SELECT x FROM t) SELECT * FROM u");

        assertThat(result.tables()).containsExactly(RES1);
        assertThat(result.sql()).endsWith("SELECT * FROM u");
    }

    @Test
    void recursiveCteMayReferToItself() {
        GuardedSql result =
                check("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r");

        assertThat(result.tables()).isEmpty();
    }

    @Test
    void recursiveCteSeesItselfOnlyInTheRecursiveTermAsDuckDbDoes() {
        String recursiveTerm =
                "WITH RECURSIVE b AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM b WHERE n IN (SELECT n FROM b))"
                        + " SELECT * FROM b";
        assertThat(check(recursiveTerm).tables()).isEmpty();

        // DuckDB binds these to a real table named b, so the guard must resolve them.
        assertValidation(
                "WITH RECURSIVE b AS (SELECT * FROM b UNION ALL SELECT n FROM b) SELECT * FROM b",
                "relation \"b\" does not exist");
        assertValidation("WITH RECURSIVE b AS (SELECT * FROM b) SELECT * FROM b", "relation \"b\" does not exist");
        assertValidation(
                "WITH RECURSIVE b AS (SELECT 1 AS n INTERSECT SELECT n FROM b) SELECT * FROM b",
                "relation \"b\" does not exist");
    }

    @Test
    void earlierCteCannotSeeALaterOneEvenUnderRecursive() {
        GuardedSql result = check(
                "WITH RECURSIVE a AS (SELECT * FROM \"" + RES2 + "\"), \"" + RES2 + "\" AS (SELECT 1) SELECT * FROM a");

        assertThat(result.tables()).containsExactly(RES2);
    }

    @Test
    void cteNamesMatchOnlyAsciiCaseInsensitively() {
        assertThat(check("WITH \"T\" AS (SELECT 1) SELECT * FROM t").tables()).isEmpty();
        // Java folds the Kelvin sign to 'k'; DuckDB need not, so "k" must still be resolved.
        assertValidation("WITH \"\u212A\" AS (SELECT 1) SELECT * FROM k", "relation \"k\" does not exist");
    }

    @Test
    void nonAsciiFunctionNamesAreRejected() {
        assertForbiddenFunction("SELECT \"\u212Aurtosis\"(x) FROM myalias", "\u212Aurtosis");
    }

    @Test
    void cteNameIsOnlyVisibleInsideItsQuery() {
        assertValidation("SELECT * FROM (WITH t AS (SELECT 1) SELECT * FROM t) s, t", "relation \"t\" does not exist");
    }

    @Test
    void nonRecursiveCteDoesNotSeeItselfSoTheNameMustResolve() {
        assertValidation("WITH t AS (SELECT * FROM t) SELECT * FROM t", "relation \"t\" does not exist");
    }

    @Test
    void joinsUnionsAndSubqueriesHaveEveryTableResolved() {
        GuardedSql result = check("SELECT a.x FROM \"" + RES1 + "\" a LEFT JOIN (SELECT id FROM \"" + RES2
                + "\") b ON a.id = b.id WHERE a.x IN (SELECT y FROM myalias) AND EXISTS (SELECT 1 FROM \"" + RES2
                + "\") UNION SELECT z FROM \"" + RES2 + "\" INTERSECT SELECT 1 EXCEPT SELECT 2");

        assertThat(result.tables()).containsExactly(RES1, RES2);
    }

    @Test
    void valuesLateralAndTableFunctionsOnTheListAreAccepted() {
        GuardedSql result = check("SELECT v.a, g.generate_series FROM (VALUES (1, 2)) v(a, b), generate_series(1, 3) g,"
                + " LATERAL (SELECT max(x) FROM \"" + RES1 + "\" WHERE x > v.a) m");

        assertThat(result.tables()).containsExactly(RES1);
    }

    @Test
    void commonDuckDbSyntaxSurvivesTheRoundTrip() {
        String sql = "SELECT x::INTEGER, CAST(y AS VARCHAR), date_trunc('month', d), strftime(d, '%Y'),"
                + " list_transform(l, e -> e + 1), l[1], CASE WHEN x > 1 THEN 'a' ELSE 'b' END, x BETWEEN 1 AND 2,"
                + " coalesce(x, 0), x IS NULL, y LIKE 'a%', y ILIKE 'A%', y ~ 'a.*', json_object('k', x)"
                + " FROM \"" + RES1 + "\" WHERE d > DATE '2020-01-01' GROUP BY ALL HAVING count(*) > 1"
                + " QUALIFY row_number() OVER (ORDER BY x) = 1 ORDER BY 1 DESC NULLS LAST LIMIT 10 OFFSET 5";

        assertThat(check(sql).tables()).containsExactly(RES1);
    }

    @Test
    void windowFunctionsAreAllowedWhenOnTheList() {
        GuardedSql result = check("SELECT row_number() OVER (PARTITION BY x ORDER BY y), lag(x, 1, 0) OVER w,"
                + " sum(x) OVER (ORDER BY y ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM \"" + RES1
                + "\" WINDOW w AS (ORDER BY y)");

        assertThat(result.tables()).containsExactly(RES1);
    }

    @Test
    void windowFunctionsAreRejectedWhenNotOnTheList() {
        SqlGuard narrow = new SqlGuard(Set.of("count", "upper"));

        ApiException error = rejection(() -> narrow.check("SELECT row_number() OVER () FROM myalias", RESOLVER));

        assertForbiddenFunction(error, "row_number");
    }

    @Test
    void countStarIsAllowed() {
        assertThat(check("SELECT count(*), count(DISTINCT x) FROM myalias").sql())
                .isEqualTo("SELECT count(*) AS \"count\", count(DISTINCT x) AS \"count\" FROM \"" + RES1
                        + "\" AS myalias");
    }

    @Test
    void aggregateFilterAndOrderedAggregateAreChecked() {
        check("SELECT string_agg(x, ',' ORDER BY x) FILTER (WHERE x > 1) FROM myalias");
        assertForbiddenFunction("SELECT count(*) FILTER (WHERE pg_sleep(1) IS NULL) FROM myalias", "pg_sleep");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM myalias",
                "SELECT myalias.x, public.myalias.y FROM public.myalias WHERE myalias.x > 0",
                "SELECT a.x, b.s FROM myalias a JOIN \"b1b2c3d4-0000-4000-8000-000000000002\" b USING (id)",
                "WITH t AS (SELECT x FROM myalias) SELECT count(*) FROM t",
                "SELECT x::INTEGER, CAST(y AS VARCHAR), date_trunc('month', d), strftime(d, '%Y-%m') FROM myalias",
                "SELECT list_transform(l, e -> e + 1), l[1], len(l), unnest(l) FROM myalias",
                "SELECT trim(s), left(s, 1), right(s, 1), position('a' IN s), substring(s FROM 1 FOR 2) FROM myalias",
                "SELECT json_object('k', x), to_json(l), regexp_matches(s, 'a') FROM myalias",
                "SELECT x, row_number() OVER (ORDER BY x) AS rn FROM myalias QUALIFY rn = 1",
                "SELECT x, sum(y) FROM myalias GROUP BY ALL HAVING count(*) > 0 ORDER BY ALL",
                "SELECT x, y, count(*) FROM myalias GROUP BY ROLLUP (x, y)",
                "SELECT x, count(*) FROM myalias GROUP BY GROUPING SETS ((x), ())",
                "SELECT string_agg(s, ',' ORDER BY s) FILTER (WHERE x > 0) FROM myalias",
                "SELECT * FROM generate_series(1, 3) g(n), range(2) r(m)",
                "SELECT * FROM myalias, LATERAL (SELECT max(y) AS m FROM myalias i WHERE i.x = myalias.x) l",
                "SELECT ARRAY(SELECT x FROM myalias), [1, 2], ROW(1, 'a')",
                "SELECT x FROM myalias UNION ALL SELECT 2 ORDER BY 1 LIMIT 1",
                "SELECT CASE WHEN x > 1 THEN 'big' ELSE 'small' END, coalesce(s, ''), greatest(x, y) FROM myalias",
                "SELECT * EXCLUDE (l) FROM myalias",
                "SELECT d AT TIME ZONE 'UTC', extract(year FROM d), d + INTERVAL '1 day' FROM myalias",
                "SELECT x FROM myalias WHERE x = ANY(ARRAY[1, 2]) AND x <> ALL(SELECT 5)",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), mode() WITHIN GROUP (ORDER BY y) FROM myalias",
                "VALUES (1, 'a')"
            })
    void guardedSqlRunsOnDuckDb(String sql) throws Exception {
        GuardedSql guarded = check(sql);

        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (String id : List.of(RES1, RES2)) {
                statement.execute("CREATE TABLE \"" + id + "\" (id INTEGER, x INTEGER, y INTEGER, s VARCHAR,"
                        + " d TIMESTAMP, l INTEGER[])");
                statement.execute("INSERT INTO \"" + id + "\" VALUES (1, 1, 2, 'ab', TIMESTAMP '2024-01-02', [1, 2])");
            }
            try (ResultSet rows = statement.executeQuery(guarded.sql())) {
                assertThat(rows.next()).as(guarded.sql()).isTrue();
            }
        }
    }

    // --- single statement ---

    @Test
    void multipleStatementsAreRejected() {
        assertValidation("SELECT 1; SELECT 2", "Query is not a single statement.");
    }

    @Test
    void trailingDropTableIsRejected() {
        assertValidation("SELECT * FROM myalias; DROP TABLE x", "Query is not a single statement.");
    }

    @Test
    void unparseableSecondStatementCountsAsASecondStatement() {
        assertValidation("SELECT 1; COPY t TO '/tmp/x.csv'", "Query is not a single statement.");
    }

    @Test
    void loneTrailingSemicolonIsStripped() {
        assertThat(check("SELECT * FROM myalias;").sql()).isEqualTo("SELECT * FROM \"" + RES1 + "\" AS myalias");
    }

    @Test
    void commentsDoNotBreakTheSingleStatementCheckAndAreDropped() {
        assertThat(check("SELECT 1 /* ; DROP TABLE x */ FROM myalias -- ; DROP TABLE y")
                        .sql())
                .isEqualTo("SELECT 1 FROM \"" + RES1 + "\" AS myalias");
        assertThat(check("SELECT x -- ;\n FROM myalias").sql()).isEqualTo("SELECT x FROM \"" + RES1 + "\" AS myalias");
    }

    @Test
    void semicolonInsideStringLiteralIsFine() {
        assertThat(check("SELECT ';' AS s, 'a;b''; DROP TABLE x' FROM myalias").sql())
                .isEqualTo("SELECT ';' AS s, 'a;b''; DROP TABLE x' FROM \"" + RES1 + "\" AS myalias");
    }

    // --- statement kinds ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO myalias VALUES (1)",
                "UPDATE myalias SET x = 1",
                "DELETE FROM myalias",
                "DROP TABLE myalias",
                "CREATE TABLE t (x int)",
                "CREATE TABLE t AS SELECT * FROM myalias",
                "ALTER TABLE myalias ADD COLUMN y int",
                "TRUNCATE myalias",
                "MERGE INTO myalias USING t ON (myalias.x = t.x) WHEN MATCHED THEN DELETE",
                "COPY myalias TO '/tmp/x.csv'",
                "ATTACH '/tmp/x.db' AS y",
                "PRAGMA version",
                "SET memory_limit = '1GB'",
                "RESET memory_limit",
                "CALL pragma_version()",
                "EXPLAIN SELECT 1",
                "DESCRIBE myalias",
                "SUMMARIZE myalias",
                "SHOW TABLES",
                "BEGIN",
                "TABLE myalias"
            })
    void nonSelectStatementsAreRejectedAsValidationErrors(String sql) {
        ApiException error = rejection(() -> guard.check(sql, RESOLVER));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(error.fieldErrors()).containsOnlyKeys("query");
    }

    @Test
    void dataModifyingStatementsSayOnlySelectIsAllowed() {
        assertValidation("INSERT INTO myalias VALUES (1)", "Only SELECT statements are allowed");
        assertValidation("DELETE FROM myalias", "Only SELECT statements are allowed");
    }

    @Test
    void selectIntoIsRejected() {
        assertValidation("SELECT x INTO newtable FROM myalias", "Only SELECT statements are allowed");
    }

    @Test
    void lockingClausesAreRejected() {
        assertValidation("SELECT * FROM myalias FOR UPDATE", "Only SELECT statements are allowed");
        assertValidation("SELECT * FROM myalias FOR SHARE", "Only SELECT statements are allowed");
    }

    @Test
    void dataModifyingCteIsRejected() {
        assertValidation(
                "WITH d AS (DELETE FROM myalias RETURNING *) SELECT * FROM d", "Only SELECT statements are allowed");
        assertValidation(
                "WITH i AS (INSERT INTO myalias VALUES (1) RETURNING *) SELECT * FROM i",
                "Only SELECT statements are allowed");
    }

    @Test
    void topLevelValuesIsAccepted() {
        assertThat(check("VALUES (1, 'a'), (2, 'b')").tables()).isEmpty();
    }

    // --- functions ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pg_sleep(1)",
                "pg_read_file('/etc/passwd')",
                "query_to_xml('select 1', true, true, '')",
                "current_setting('s3_secret_access_key')",
                "getenv('HOME')",
                "getvariable('x')",
                "nextval('seq')",
                "json_execute_serialized_sql('{}')",
                "list_aggregate([1, 2], 'sum')",
                "version()"
            })
    void forbiddenScalarFunctionsAreRejected(String call) {
        String name = call.substring(0, call.indexOf('('));

        assertForbiddenFunction("SELECT " + call + " FROM myalias", name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "read_csv('/etc/passwd')",
                "read_csv_auto('/etc/passwd')",
                "read_parquet('s3://bucket/x.parquet')",
                "read_json('x.json')",
                "read_text('/etc/passwd')",
                "glob('*')",
                "query('select 1')",
                "query_table('" + RES1 + "')",
                "parquet_scan('x.parquet')",
                "sniff_csv('/etc/passwd')",
                "histogram('" + RES1 + "', x)",
                "duckdb_settings()",
                "duckdb_secrets()",
                "pragma_table_info('x')"
            })
    void forbiddenTableFunctionsInFromAreRejected(String call) {
        String name = call.substring(0, call.indexOf('('));

        assertForbiddenFunction("SELECT * FROM " + call, name);
        assertForbiddenFunction("SELECT * FROM myalias, LATERAL " + call + " f", name);
        assertForbiddenFunction("SELECT * FROM myalias JOIN " + call + " f ON true", name);
    }

    @Test
    void denyListWinsOverTheConfiguredAllowList() {
        SqlGuard permissive = new SqlGuard(Set.of("read_csv", "query", "pg_sleep", "current_setting", "upper"));

        assertForbiddenFunction(rejection(() -> permissive.check("SELECT * FROM read_csv('x')", RESOLVER)), "read_csv");
        assertForbiddenFunction(rejection(() -> permissive.check("SELECT pg_sleep(1)", RESOLVER)), "pg_sleep");
        assertThat(permissive.check("SELECT upper('a')", RESOLVER).sql()).isEqualTo("SELECT upper('a') AS \"upper\"");
    }

    @Test
    void functionsAreCheckedInEveryClause() {
        String t = " FROM myalias";
        assertForbiddenFunction("SELECT x" + t + " ORDER BY pg_sleep(1)", "pg_sleep");
        assertForbiddenFunction("SELECT x" + t + " GROUP BY x HAVING pg_sleep(1) IS NULL", "pg_sleep");
        assertForbiddenFunction("SELECT x" + t + " GROUP BY pg_sleep(1)", "pg_sleep");
        assertForbiddenFunction("SELECT x" + t + " GROUP BY ROLLUP (x, pg_sleep(1))", "pg_sleep");
        assertForbiddenFunction("SELECT rollup(x)" + t, "rollup");
        assertForbiddenFunction("SELECT 1" + t + " a JOIN \"" + RES2 + "\" b ON pg_sleep(1) IS NULL", "pg_sleep");
        assertForbiddenFunction("SELECT CASE WHEN x > 1 THEN pg_sleep(1) ELSE 0 END" + t, "pg_sleep");
        assertForbiddenFunction("SELECT CAST(pg_sleep(1) AS text)" + t, "pg_sleep");
        assertForbiddenFunction("SELECT x" + t + " WHERE x IN (SELECT upper(pg_sleep(1)))", "pg_sleep");
        assertForbiddenFunction("SELECT (SELECT max(y) FROM (SELECT pg_sleep(1) AS y) s)" + t, "pg_sleep");
        assertForbiddenFunction("WITH c AS (SELECT pg_sleep(1)) SELECT * FROM c", "pg_sleep");
        assertForbiddenFunction("SELECT sum(x) OVER (PARTITION BY pg_sleep(1))" + t, "pg_sleep");
        assertForbiddenFunction("SELECT list_transform([1], e -> pg_sleep(e))" + t, "pg_sleep");
        assertForbiddenFunction("SELECT x" + t + " LIMIT pg_sleep(1)", "pg_sleep");
        assertForbiddenFunction("SELECT DISTINCT ON (pg_sleep(1)) x" + t, "pg_sleep");
        assertForbiddenFunction("SELECT * REPLACE (pg_sleep(1) AS x)" + t, "pg_sleep");
        assertForbiddenFunction("SELECT x" + t + " QUALIFY pg_sleep(1) IS NULL", "pg_sleep");
        assertForbiddenFunction("SELECT [1, pg_sleep(1)]" + t, "pg_sleep");
        assertForbiddenFunction("SELECT ARRAY(SELECT pg_sleep(1))" + t, "pg_sleep");
        assertForbiddenFunction("SELECT json_object('k', pg_sleep(1))" + t, "pg_sleep");
        assertForbiddenFunction("SELECT x" + t + " WHERE x = ANY(ARRAY[pg_sleep(1)])", "pg_sleep");
        assertForbiddenFunction("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY pg_sleep(1))" + t, "pg_sleep");
        assertForbiddenFunction("SELECT substring(x FROM pg_sleep(1))" + t, "pg_sleep");
        assertForbiddenFunction("SELECT trim(pg_sleep(1))" + t, "pg_sleep");
        assertForbiddenFunction("SELECT * FROM (VALUES (pg_sleep(1))) v(a)", "pg_sleep");
    }

    @Test
    void functionNamesMatchCaseInsensitivelyUnlessQuoted() {
        check("SELECT UPPER(x), Lower(x), \"upper\"(x) FROM myalias");
        assertForbiddenFunction("SELECT \"UPPER\"(x) FROM myalias", "UPPER");
        assertForbiddenFunction("SELECT \"read_csv\"('x')", "read_csv");
        assertForbiddenFunction("SELECT * FROM \"Read_CSV\"('x')", "Read_CSV");
        assertForbiddenFunction("SELECT * FROM READ_CSV('x')", "read_csv");
    }

    @Test
    void quotedAllowListEntriesAreCaseSensitive() {
        SqlGuard quoted = new SqlGuard(AllowList.parse(new StringReader("\"Upper\"\n")));

        assertThat(quoted.check("SELECT \"Upper\"('a')", RESOLVER).sql()).isEqualTo("SELECT \"Upper\"('a')");
        assertForbiddenFunction(rejection(() -> quoted.check("SELECT upper('a')", RESOLVER)), "upper");
    }

    @Test
    void qualifiedFunctionNamesAreRejected() {
        assertForbiddenFunction("SELECT pg_catalog.upper(x) FROM myalias", "pg_catalog.upper");
        assertForbiddenFunction("SELECT main.upper(x) FROM myalias", "main.upper");
        assertForbiddenFunction("SELECT x.upper() FROM myalias", "x.upper");
        assertThat(rejection(() -> guard.check("SELECT pg_catalog.sum(x) OVER () FROM myalias", RESOLVER))
                        .code())
                .isEqualTo(ErrorCode.NOT_AUTHORIZED);
    }

    // --- relations ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "information_schema.tables",
                "pg_catalog.pg_class",
                "\"pg_catalog\".\"pg_class\"",
                "pg_class",
                "pg_roles",
                "duckdb_tables",
                "duckdb_settings",
                "sqlite_master",
                "sqlite_schema",
                "system.main.duckdb_tables",
                "temp.main.t",
                "other_schema.t",
                "\"x.csv\"",
                "memory.main.\"" + RES1 + "\""
            })
    void systemTablesAndForeignSchemasAreForbidden(String relation) {
        ApiException error = rejection(() -> guard.check("SELECT * FROM " + relation, RESOLVER));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
        assertThat(error.getMessage()).isEqualTo("Access denied: Not authorized to access system tables");
    }

    @Test
    void systemTablesAreForbiddenEvenWhenShadowedByACte() {
        ApiException error =
                rejection(() -> guard.check("WITH pg_class AS (SELECT 1) SELECT * FROM pg_class", RESOLVER));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
    }

    @Test
    void columnQualifiedWithAForeignSchemaIsForbidden() {
        ApiException error = rejection(() -> guard.check("SELECT pg_catalog.pg_class.relname FROM myalias", RESOLVER));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
    }

    @Test
    void unknownRelationIsAValidationError() {
        assertValidation("SELECT * FROM x", "relation \"x\" does not exist");
        assertValidation("SELECT * FROM \"Missing-Table\"", "relation \"Missing-Table\" does not exist");
    }

    @Test
    void fileNamesInFromAreNeverRead() {
        assertValidation("SELECT * FROM '/etc/passwd'", "relation \"'/etc/passwd'\" does not exist");
    }

    // --- lexical tricks and parse errors ---

    @Test
    void backslashInPlainStringIsLiteralAsInDuckDb() {
        assertThat(check("SELECT 'a\\', x FROM myalias").sql())
                .isEqualTo("SELECT 'a\\', x FROM \"" + RES1 + "\" AS myalias");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT E'a' FROM myalias",
                "SELECT N'a' FROM myalias",
                "SELECT X'41' FROM myalias",
                "SELECT Q'[a]' FROM myalias",
                "SELECT $$a$$ FROM myalias",
                "SELECT a$$, current_setting('x'), $$ FROM myalias",
                "SELECT `x, current_setting('x'), y` FROM myalias",
                "SELECT x FROM myalias WHERE x = ?",
                "SELECT x FROM myalias WHERE x = $1",
                "SELECT x FROM myalias WHERE x = :x",
                "SELECT @@version",
                "SELECT 1\u0000"
            })
    void constructsLexedDifferentlyByDuckDbAreRejected(String sql) {
        ApiException error = rejection(() -> guard.check(sql, RESOLVER));

        assertThat(error.code()).isIn(ErrorCode.VALIDATION, ErrorCode.NOT_AUTHORIZED);
    }

    @Test
    void unparseableSqlIsAValidationErrorWithoutStackTrace() {
        ApiException error = rejection(() -> guard.check("SELEC * FROM myalias", RESOLVER));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(error.fieldErrors()).containsOnlyKeys("query");
        String message = error.fieldErrors().get("query").get(0);
        assertThat(message).isEqualTo("syntax error at or near \"SELEC\"");
    }

    @Test
    void parseErrorMessagesAreOneShortLine() {
        for (String sql : List.of("SELECT * FROM", "SELECT 'unterminated", "SELECT (1", "SELECT * FROM t WHERE")) {
            String message = rejection(() -> guard.check(sql, RESOLVER))
                    .fieldErrors()
                    .get("query")
                    .get(0);

            assertThat(message).doesNotContain("\n", "Exception", "net.sf.").hasSizeLessThan(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void blankSqlIsMissingValue(String sql) {
        ApiException error = rejection(() -> guard.check(sql, RESOLVER));

        assertThat(error.fieldErrors()).containsExactly(entry("sql", List.of("Missing value")));
    }

    @Test
    void nullSqlIsMissingValue() {
        assertThat(rejection(() -> guard.check(null, RESOLVER)).fieldErrors())
                .containsExactly(entry("sql", List.of("Missing value")));
    }

    @Test
    void resolverExceptionsPropagateUnchanged() {
        IllegalStateException failure = new IllegalStateException("catalog down");

        assertThatThrownBy(() -> guard.check("SELECT * FROM myalias", name -> {
                    throw failure;
                }))
                .isSameAs(failure);
    }

    @Test
    void resolverApiExceptionsPropagateUnchanged() {
        ApiException denied = ApiException.notAuthorized("Not authorized to read resource.");

        assertThatThrownBy(() -> guard.check("SELECT * FROM myalias", name -> {
                    throw denied;
                }))
                .isSameAs(denied);
    }

    @Test
    void deeplyNestedQueryIsRejectedNotCrashed() {
        String sql = "SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000);

        ApiException error = rejection(() -> guard.check(sql, RESOLVER));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION);
    }

    // --- allow-list file ---

    @Test
    void allowListParsingSkipsCommentsAndBlanksAndFoldsUnquotedNames() {
        Set<String> names = AllowList.parse(new StringReader("# header\n\nUPPER\n  lower  \n\"MixedCase\"\n# x\n"));

        assertThat(names).containsExactly("upper", "lower", "MixedCase");
    }

    @Test
    void bundledAllowListHasTheExpectedFunctionsAndNoDeniedOnes() {
        assertThat(BUNDLED)
                .contains("upper", "count", "sum", "strftime", "row_number", "generate_series", "string_agg")
                .doesNotContain("query", "read_csv", "glob", "current_setting", "pg_sleep", "query_to_xml");
        assertThat(BUNDLED).noneMatch(FunctionPolicy::isDenied);
    }

    @Test
    void bundledAllowListNamesExistInDuckDb() throws Exception {
        Set<String> provided = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT function_name FROM duckdb_functions()")) {
            while (rows.next()) {
                provided.add(rows.getString(1));
            }
        }
        Set<String> specialForms = Set.of(
                "coalesce",
                "grouping",
                "row_number",
                "rank",
                "dense_rank",
                "percent_rank",
                "percentile_cont",
                "percentile_disc",
                "cume_dist",
                "ntile",
                "lag",
                "lead",
                "first_value",
                "last_value",
                "nth_value");

        assertThat(BUNDLED).allMatch(name -> provided.contains(name) || specialForms.contains(name));
    }

    @Test
    void overrideFileReplacesTheBundledList(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("allowed.txt"), "# mine\nupper\n");

        assertThat(AllowList.load(file, AllowList.DEFAULT_RESOURCE)).containsExactly("upper");
    }

    @Test
    void missingAllowListIsAConfigurationError(@TempDir Path dir) {
        assertThatThrownBy(() -> AllowList.load(dir.resolve("nope.txt"), AllowList.DEFAULT_RESOURCE))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> AllowList.load(null, "no/such/resource.txt")).isInstanceOf(ConfigException.class);
    }

    // --- helpers ---

    private GuardedSql check(String sql) {
        return guard.check(sql, RESOLVER);
    }

    private static ApiException rejection(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    private void assertValidation(String sql, String message) {
        ApiException error = rejection(() -> guard.check(sql, RESOLVER));

        assertThat(error.code()).as(sql).isEqualTo(ErrorCode.VALIDATION);
        assertThat(error.fieldErrors()).as(sql).containsExactly(entry("query", List.of(message)));
    }

    private void assertForbiddenFunction(String sql, String function) {
        assertForbiddenFunction(rejection(() -> guard.check(sql, RESOLVER)), function);
    }

    private static void assertForbiddenFunction(ApiException error, String function) {
        assertThat(error.code()).isEqualTo(ErrorCode.NOT_AUTHORIZED);
        assertThat(error.getMessage()).isEqualTo("Access denied: Not authorized to call function " + function);
    }
}
