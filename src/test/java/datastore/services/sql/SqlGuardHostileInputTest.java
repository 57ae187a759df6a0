package datastore.services.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardHostileInputTest {
    private static final String ID = "0c3d5e1a-1111-2222-3333-444455556666";
    private static final Map<String, String> TABLES = Map.of(ID, ID, "books", "books", "books_alias", "books");
    private final SqlGuard guard =
            new SqlGuard(AllowList.load(null, "datastore/infrastructure/engines/duckdb/allowed_functions.txt"));

    private GuardedSql check(String sql) {
        return guard.check(sql, name -> Optional.ofNullable(TABLES.get(name)));
    }

    private static void assertRejected(Runnable r, ErrorCode code, String field, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (field != null) {
                assertThat(e.fieldErrors().get(field))
                        .anySatisfy(m -> assertThat(m).contains(message));
            } else {
                assertThat(e.getMessage()).contains(message);
            }
        });
    }

    @Test
    void acceptsAPlainSelectAndResolvesItsTable() {
        GuardedSql g = check("SELECT * FROM \"" + ID + "\" WHERE a > 1");
        assertThat(g.tables()).containsExactly(ID);
        assertThat(g.sql()).contains("\"" + ID + "\"");
    }

    @Test
    void resolvesAliasesAndDropsThePublicSchema() {
        GuardedSql g = check("SELECT count(*) FROM public.\"books_alias\" b JOIN main.books c ON b._id = c._id");
        assertThat(g.tables()).containsExactly("books");
        assertThat(g.sql()).doesNotContain("public.").doesNotContain("main.");
    }

    @Test
    void cteNamesSubqueriesUnionsAndWindowsAreFine() {
        GuardedSql g = check("WITH t AS (SELECT a, row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM books)"
                + " SELECT upper(a) FROM t WHERE rn = 1 AND a IN (SELECT a FROM \"" + ID + "\")"
                + " UNION ALL SELECT lower(a) FROM books ORDER BY 1");
        assertThat(g.tables()).containsExactlyInAnyOrder("books", ID);
    }

    @Test
    void aSemicolonInsideAStringIsNotASecondStatement() {
        assertThat(check("SELECT ';' AS x FROM books").tables()).containsExactly("books");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1; SELECT 2",
                "SELECT * FROM books; DROP TABLE books",
                "SELECT * FROM books /* ; */ ; DELETE FROM books"
            })
    void rejectsMoreThanOneStatement(String sql) {
        assertRejected(() -> check(sql), ErrorCode.VALIDATION, "query", "not a single statement");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "INSERT INTO books VALUES (1)",
                "UPDATE books SET a = 1",
                "DELETE FROM books",
                "DROP TABLE books",
                "CREATE TABLE x AS SELECT * FROM books",
                "ALTER TABLE books ADD COLUMN x INT",
                "TRUNCATE books",
                "SELECT * INTO newtable FROM books",
                "SELECT * FROM books FOR UPDATE",
                "WITH d AS (DELETE FROM books RETURNING *) SELECT * FROM d",
                "COPY books TO '/tmp/x.csv'",
                "ATTACH '/tmp/x.db' AS x",
                "PRAGMA database_list",
                "SET enable_external_access = true",
                "EXPLAIN SELECT * FROM books",
                "CALL pragma_version()"
            })
    void rejectsAnythingButARead(String sql) {
        assertThatThrownBy(() -> check(sql)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code())
                .isIn(ErrorCode.VALIDATION, ErrorCode.NOT_AUTHORIZED));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT pg_sleep(1)",
                "SELECT pg_read_file('/etc/passwd')",
                "SELECT query_to_xml('select 1', true, true, '')",
                "SELECT * FROM read_csv('/etc/passwd')",
                "SELECT * FROM read_parquet('x.parquet')",
                "SELECT * FROM glob('*')",
                "SELECT * FROM query('SELECT 1')",
                "SELECT current_setting('search_path')",
                "SELECT getenv('HOME')",
                "SELECT * FROM duckdb_settings()",
                "SELECT dblink('x', 'select 1')",
                "SELECT pg_catalog.upper('x') FROM books",
                "SELECT a FROM books ORDER BY pg_sleep(1)",
                "SELECT a FROM books GROUP BY a HAVING count(pg_sleep(1)) > 0",
                "SELECT a FROM books b JOIN books c ON pg_sleep(1) IS NULL",
                "SELECT CASE WHEN a = 1 THEN pg_sleep(1) END FROM books",
                "SELECT (SELECT max(pg_sleep(1)) FROM books)",
                "SELECT sum(a) OVER (ORDER BY pg_sleep(1)) FROM books",
                "SELECT ts_rewrite('a', 'SELECT 1')",
                "SELECT \"pg_sleep\"(1)"
            })
    void rejectsFunctionsOffTheAllowList(String sql) {
        assertRejected(() -> check(sql), ErrorCode.NOT_AUTHORIZED, null, "Not authorized to call function");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM pg_class",
                "SELECT * FROM pg_catalog.pg_tables",
                "SELECT * FROM information_schema.tables",
                "SELECT * FROM sqlite_master",
                "SELECT * FROM duckdb_tables",
                "SELECT * FROM _datastore.tables",
                "SELECT * FROM other.books",
                "SELECT * FROM db.main.books"
            })
    void rejectsSystemTables(String sql) {
        assertRejected(() -> check(sql), ErrorCode.NOT_AUTHORIZED, null, "system tables");
    }

    @Test
    void unknownRelationsAre409InPostgresWords() {
        assertRejected(
                () -> check("SELECT * FROM nope"), ErrorCode.VALIDATION, "query", "relation \"nope\" does not exist");
        assertRejected(() -> check("SELECT * FROM \"/etc/passwd\""), ErrorCode.VALIDATION, "query", "does not exist");
    }

    @Test
    void unparseableSqlIs409WithoutAStackTrace() {
        assertThatThrownBy(() -> check("SELEKT * FROM books")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.fieldErrors().get("query").get(0)).doesNotContain("\tat ");
        });
        assertRejected(() -> guard.check(" ", n -> Optional.empty()), ErrorCode.VALIDATION, "sql", "Missing value");
    }

    @Test
    void allowedFunctionsInEveryPositionPass() {
        assertThat(check("SELECT a, count(*), round(avg(b), 2), string_agg(c, ',') FROM books WHERE lower(a) LIKE 'x%'"
                                + " GROUP BY a HAVING count(*) > 1 ORDER BY length(a) DESC")
                        .tables())
                .containsExactly("books");
        assertThat(check("SELECT * FROM generate_series(1, 3)").tables()).isEmpty();
    }

    @Test
    void allowListFormatHonoursCommentsAndQuotes() {
        assertThat(AllowList.parse(new java.io.StringReader("# comment\n\nUpper\n\"CaseSensitive\"\n")))
                .containsExactlyInAnyOrder("upper", "CaseSensitive");
    }
}
