package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CKAN 2.11 {@code ckanext/datastore/tests/test_dump.py} and contract §4. */
class CkanDumpTest extends CkanSupport {

    private static String twoBooks(TestServer s, String aliases) {
        String id = newId();
        TestServer.Response r = s.action("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, %s
                 "records": [{"book": "annakarenina"}, {"book": "warandpeace"}]}
                """, id, aliases));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private static String allTypes() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true,
                 "fields": [{"id": "b\\u00fck", "type": "text"}, {"id": "author", "type": "text"},
                            {"id": "published"}, {"id": "characters", "type": "_text"},
                            {"id": "random_letters", "type": "text[]"}],
                 "records": [{"b\\u00fck": "annakarenina", "author": "tolstoy", "published": "2005-03-01",
                              "nested": ["b", {"moo": "moo"}], "characters": ["Princess Anna", "Sergius"],
                              "random_letters": ["a", "e", "x"]},
                             {"b\\u00fck": "warandpeace", "author": "tolstoy", "nested": {"a": "b"},
                              "random_letters": []}]}
                """, id));
        return id;
    }

    private static TestServer.Response dump(TestServer s, String idAndQuery) {
        return s.get("/datastore/dump/" + idAndQuery);
    }

    private static List<Integer> csvRecordValues(String body) {
        List<Integer> out = new ArrayList<>();
        String[] lines = body.split("\\s+");
        for (int i = 1; i < lines.length; i++) {
            out.add(Integer.parseInt(lines[i].split(",")[1]));
        }
        return out;
    }

    private static List<Integer> jsonRecordValues(String body) {
        List<Integer> out = new ArrayList<>();
        json(body).get("records").forEach(r -> out.add(r.get(1).asInt()));
        return out;
    }

    private static String twelve(TestServer s) {
        StringBuilder recs = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            recs.append(i == 0 ? "" : ",").append("{\"record\": \"").append(i).append("\"}");
        }
        String id = newId();
        TestServer.Response r = s.action(
                "datastore_create", fmt("{\"resource_id\": \"%s\", \"force\": true, \"records\": %s]}", id, recs));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    @Test
    void dumpBasicCsvHasCrlfHeaderAndLfRows() {
        String id = twoBooks(server, "");
        TestServer.Response r = dump(server, id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("_id,book\r\n1,annakarenina\n2,warandpeace\n");
    }

    @Test
    void dumpAllFieldTypes() {
        String id = allTypes();
        String content = dump(server, id).body();
        assertThat(content).startsWith("_id,b\u00fck,author,published,characters,random_letters,nested");
        assertThat(content).contains("warandpeace");
        assertThat(content).contains("\"[\"\"Princess Anna\"\",\"\"Sergius\"\"]\"");
    }

    @Test
    void dumpByAlias() {
        String alias = "books_" + newId().substring(0, 8);
        twoBooks(server, "\"aliases\": \"" + alias + "\",");
        TestServer.Response r = dump(server, alias);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("_id,book\r\n1,annakarenina\n2,warandpeace\n");
    }

    @Test
    void dumpOfMissingResourceIs404() {
        assertThat(dump(server, "does-not-exist").status()).isEqualTo(404);
    }

    @Test
    void dumpLimit() {
        String id = twoBooks(server, "");
        assertThat(dump(server, id + "?limit=1").body()).isEqualTo("_id,book\r\n1,annakarenina\n");
    }

    @Test
    void dumpQAndFields() {
        String id = allTypes();
        assertThat(dump(server, id + "?q=warandpeace&fields=nested,author").body())
                .isEqualTo("nested,author\r\n\"{\"\"a\"\": \"\"b\"\"}\",tolstoy\n");
    }

    @Test
    void dumpCsvFileName() {
        String id = allTypes();
        assertThat(dump(server, id + "?limit=1&format=csv").header("Content-disposition"))
                .contains("attachment; filename=\"" + id + ".csv\"");
    }

    @Test
    void dumpTsv() {
        String id = allTypes();
        TestServer.Response r = dump(server, id + "?limit=1&format=tsv");
        assertThat(r.body())
                .isEqualTo("_id\tb\u00fck\tauthor\tpublished\tcharacters\trandom_letters\tnested\r\n"
                        + "1\tannakarenina\ttolstoy\t2005-03-01T00:00:00\t"
                        + "\"[\"\"Princess Anna\"\",\"\"Sergius\"\"]\"\t"
                        + "\"[\"\"a\"\",\"\"e\"\",\"\"x\"\"]\"\t\"[\"\"b\"\", {\"\"moo\"\": \"\"moo\"\"}]\"\n");
        assertThat(r.header("Content-disposition")).contains("attachment; filename=\"" + id + ".tsv\"");
    }

    @Test
    void dumpJson() {
        String id = allTypes();
        TestServer.Response r = dump(server, id + "?limit=1&format=json");
        assertThat(json(r.body())).isEqualTo(json("""
                {"fields": [{"id": "_id", "type": "int"}, {"id": "bük", "type": "text"},
                            {"id": "author", "type": "text"}, {"id": "published", "type": "timestamp"},
                            {"id": "characters", "type": "_text"}, {"id": "random_letters", "type": "_text"},
                            {"id": "nested", "type": "json"}],
                 "records": [[1, "annakarenina", "tolstoy", "2005-03-01T00:00:00", ["Princess Anna", "Sergius"],
                              ["a", "e", "x"], ["b", {"moo": "moo"}]]]}"""));
        assertThat(r.header("Content-disposition")).contains("attachment; filename=\"" + id + ".json\"");
    }

    @Test
    void dumpXml() {
        String id = allTypes();
        TestServer.Response r = dump(server, id + "?limit=1&format=xml");
        assertThat(r.body())
                .isEqualTo("<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                        + "<row _id=\"1\">"
                        + "<b\u00fck>annakarenina</b\u00fck>"
                        + "<author>tolstoy</author>"
                        + "<published>2005-03-01T00:00:00</published>"
                        + "<characters><value key=\"0\">Princess Anna</value><value key=\"1\">Sergius</value></characters>"
                        + "<random_letters><value key=\"0\">a</value><value key=\"1\">e</value>"
                        + "<value key=\"2\">x</value></random_letters>"
                        + "<nested><value key=\"0\">b</value><value key=\"1\"><value key=\"moo\">moo</value></value>"
                        + "</nested>"
                        + "</row>\n"
                        + "</data>\n");
        assertThat(r.header("Content-disposition")).contains("attachment; filename=\"" + id + ".xml\"");
    }

    @Test
    void dumpWithLowRowsMaxStillReturnsEveryRow() {
        try (TestServer low = TestServer.open(Map.of("ROWS_MAX", "3", "ROWS_DEFAULT", "3"))) {
            String id = twelve(low);
            assertThat(csvRecordValues(dump(low, id).body())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        }
    }

    @Test
    void dumpLimitAboveRowsMaxIsHonoured() {
        try (TestServer seven = TestServer.open(Map.of("ROWS_MAX", "7", "ROWS_DEFAULT", "7"))) {
            String id = twelve(seven);
            assertThat(csvRecordValues(dump(seven, id + "?limit=11").body()))
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(csvRecordValues(dump(seven, id + "?limit=6").body())).containsExactly(0, 1, 2, 3, 4, 5);
            assertThat(jsonRecordValues(dump(seven, id + "?limit=6&format=json").body()))
                    .containsExactly(0, 1, 2, 3, 4, 5);
        }
        try (TestServer six = TestServer.open(Map.of("ROWS_MAX", "6", "ROWS_DEFAULT", "6"))) {
            String id = twelve(six);
            assertThat(csvRecordValues(dump(six, id + "?limit=7").body())).containsExactly(0, 1, 2, 3, 4, 5, 6);
            assertThat(jsonRecordValues(dump(six, id + "?limit=7&format=json").body()))
                    .containsExactly(0, 1, 2, 3, 4, 5, 6);
        }
    }

    // ---- contract §4 ----

    @Test
    void dumpReturnsAllRowsNotTheSearchDefault() {
        StringBuilder recs = new StringBuilder("[");
        for (int i = 0; i < 150; i++) {
            recs.append(i == 0 ? "" : ",").append("{\"n\": ").append(i).append('}');
        }
        String id = newId();
        ok("datastore_create", fmt("{\"resource_id\": \"%s\", \"records\": %s]}", id, recs));
        String body = dump(server, id).body();
        assertThat(body.split("\n")).hasSize(151);
    }

    @Test
    void dumpBomPrefixesUtf8Bom() {
        String id = twoBooks(server, "");
        byte[] bytes = dump(server, id + "?bom=true").bytes();
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .startsWith("_id,book\r\n");
    }

    @Test
    void dumpWithQAndNoFieldsHasATrailingRankColumn() {
        String id = twoBooks(server, "");
        String body = dump(server, id + "?q=warandpeace").body();
        assertThat(body).startsWith("_id,book,rank\r\n2,warandpeace,0.");
    }

    @Test
    void dumpInvalidFormatIs400Text() {
        String id = twoBooks(server, "");
        TestServer.Response r = dump(server, id + "?format=xlsx");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).startsWith("format: ");
    }

    @Test
    void dumpNullJsonAndNullArrayAreNullInCsv() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "j", "type": "json"}, {"id": "a", "type": "_text"},
                                                 {"id": "t", "type": "text"}, {"id": "b", "type": "bool"}],
                 "records": [{"j": null, "a": null, "t": null, "b": true}, {"j": {"x": 1}, "a": [], "b": false}]}
                """, id));
        assertThat(dump(server, id).body()).isEqualTo("_id,j,a,t,b\r\n1,null,null,,t\n2,\"{\"\"x\"\": 1}\",[],,f\n");
    }

    @Test
    void dumpFiltersAndSortParams() {
        String id = twoBooks(server, "");
        String filters = java.net.URLEncoder.encode("{\"book\": \"warandpeace\"}", StandardCharsets.UTF_8);
        assertThat(dump(server, id + "?filters=" + filters).body()).isEqualTo("_id,book\r\n2,warandpeace\n");
        assertThat(dump(server, id + "?sort=_id%20desc").body())
                .isEqualTo("_id,book\r\n2,warandpeace\n1,annakarenina\n");
        assertThat(dump(server, id + "?offset=1").body()).isEqualTo("_id,book\r\n2,warandpeace\n");
    }

    @Test
    void dumpJsonLayoutMatchesCkanWriter() {
        String id = twoBooks(server, "");
        String body = dump(server, id + "?format=json").body();
        JsonNode parsed = json(body);
        assertThat(parsed.get("records")).isEqualTo(json("[[1, \"annakarenina\"], [2, \"warandpeace\"]]"));
        assertThat(body)
                .startsWith("{\n  \"fields\": ")
                .contains(",\n  \"records\": [\n    [1,\"annakarenina\"],\n    [2,\"warandpeace\"]\n]}\n");
    }

    @Test
    void dumpOfAnEmptyTableInEveryFormat() {
        String id = newId();
        ok(
                "datastore_create",
                fmt("{\"resource_id\": \"%s\", \"fields\": [{\"id\": \"book\", \"type\": \"text\"}]}", id));
        assertThat(dump(server, id).body()).isEqualTo("_id,book\r\n");
        assertThat(dump(server, id + "?format=tsv").body()).isEqualTo("_id\tbook\r\n");
        assertThat(dump(server, id + "?format=json").body())
                .isEqualTo("{\n  \"fields\": [{\"id\":\"_id\",\"type\":\"int\"},{\"id\":\"book\",\"type\":\"text\"}],"
                        + "\n  \"records\": [\n]}\n");
        assertThat(dump(server, id + "?format=xml").body())
                .isEqualTo("<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n</data>\n");
    }

    @Test
    void dumpXmlWritesNullsAsNil() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "a", "type": "text"}, {"id": "b", "type": "int"}],
                 "records": [{"a": "x & <y>"}]}""", id));
        assertThat(dump(server, id + "?format=xml").body())
                .isEqualTo("<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                        + "<row _id=\"1\"><a>x &amp; &lt;y&gt;</a><b xsi:nil=\"true\" /></row>\n</data>\n");
    }

    @Test
    void dumpParamErrorsAre400PlainText() {
        String id = twoBooks(server, "");
        TestServer.Response limit = dump(server, id + "?limit=abc");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.body()).isEqualTo("limit: Invalid integer");
        TestServer.Response filters = dump(server, id + "?filters=%7Bnope");
        assertThat(filters.status()).isEqualTo(400);
        assertThat(filters.body()).isEqualTo("filters: Cannot parse JSON");
    }

    @Test
    void dumpWithQAsAJsonObject() {
        String id = twoBooks(server, "");
        String q = java.net.URLEncoder.encode("{\"book\": \"warandpeace\"}", StandardCharsets.UTF_8);
        assertThat(dump(server, id + "?q=" + q + "&fields=_id,book").body()).isEqualTo("_id,book\r\n2,warandpeace\n");
    }
}
