package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import org.junit.jupiter.api.Test;

class DumpApiTest extends ApiTestSupport {

    @Test
    void csvDumpHasAHeaderEveryRowAndAnAttachmentName() {
        books("dump1");
        TestServer.Response r = server.get("/datastore/dump/dump1?fields=_id,b%C3%BCk");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("_id,b\u00fck\r\n1,annakarenina\n2,warandpeace\n");
        assertThat(r.header("Content-Disposition").orElseThrow()).contains("attachment; filename=\"dump1.csv\"");
    }

    @Test
    void dumpReturnsMoreThanTheSearchDefaultOf100Rows() {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            records.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append('}');
        }
        ok("datastore_create", "{\"resource_id\":\"dump2\",\"records\":[" + records + "]}");
        String body = server.get("/datastore/dump/dump2").body();
        assertThat(body.split("\n")).hasSize(251);
        assertThat(server.get("/datastore/dump/dump2?limit=10&offset=5").body().split("\n"))
                .hasSize(11);
    }

    @Test
    void formatsAndBom() {
        books("dump3");
        TestServer.Response tsv = server.get("/datastore/dump/dump3?format=tsv&fields=_id,author");
        assertThat(tsv.body()).isEqualTo("_id\tauthor\r\n1\ttolstoy\n2\ttolstoy\n");
        TestServer.Response json = server.get("/datastore/dump/dump3?format=json&fields=_id,author");
        assertThat(json.body())
                .isEqualTo(
                        "{\n  \"fields\": [{\"id\":\"_id\",\"type\":\"int\"},{\"id\":\"author\",\"type\":\"text\"}],\n"
                                + "  \"records\": [\n    [1,\"tolstoy\"],\n    [2,\"tolstoy\"]\n]}\n");
        TestServer.Response xml = server.get("/datastore/dump/dump3?format=xml&fields=_id,author");
        assertThat(xml.body())
                .isEqualTo(
                        "<data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                                + "<row _id=\"1\"><author>tolstoy</author></row>\n<row _id=\"2\"><author>tolstoy</author></row>\n</data>\n");
        byte[] bom = server.get("/datastore/dump/dump3?bom=true").bytes();
        assertThat(new byte[] {bom[0], bom[1], bom[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    }

    @Test
    void filtersQAndSortApplyToDumps() {
        books("dump4");
        String body = server.get("/datastore/dump/dump4?fields=b%C3%BCk&sort=b%C3%BCk%20desc&filters="
                        + java.net.URLEncoder.encode(
                                "{\"author\":\"tolstoy\"}", java.nio.charset.StandardCharsets.UTF_8))
                .body();
        assertThat(body).isEqualTo("b\u00fck\r\nwarandpeace\nannakarenina\n");
    }

    @Test
    void badParametersAre400TextAndMissingTablesAre404() {
        books("dump5");
        TestServer.Response bad = server.get("/datastore/dump/dump5?format=pdf");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).startsWith("format: ");
        assertThat(server.get("/datastore/dump/dump5?limit=-3").status()).isEqualTo(400);
        assertThat(server.get("/datastore/dump/dump5?fields=nope").status()).isEqualTo(400);
        assertThat(server.get("/datastore/dump/missing").status()).isEqualTo(404);
    }

    @Test
    void dumpWorksThroughAnAlias() {
        books("dump6");
        TestServer.Response r = server.get("/datastore/dump/alias_dump6?fields=_id");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("_id\r\n1\n2\n");
        assertThat(r.header("Content-Disposition").orElseThrow()).contains("alias_dump6.csv");
    }
}
