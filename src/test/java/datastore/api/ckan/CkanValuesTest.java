package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contract §2.3/§2.4: how values are coerced on write and rendered by search (objects, lists, csv). */
class CkanValuesTest extends CkanSupport {

    private static String table(String fields, String records) {
        String id = newId();
        ok("datastore_create", fmt("{\"resource_id\": \"%s\", \"fields\": %s, \"records\": %s}", id, fields, records));
        return id;
    }

    private static JsonNode first(String id) {
        return search(id).get("records").get(0);
    }

    private static String csv(String id, String fields) {
        return ok("datastore_search", fmt("""
                        {"resource_id": "%s", "records_format": "csv", "fields": "%s"}""", id, fields)).get("records").asString();
    }

    @Test
    void temporalValuesRenderLikePostgresToJson() {
        String id = table("""
                [{"id": "ts", "type": "timestamp"}, {"id": "tz", "type": "timestamptz"}, {"id": "d", "type": "date"},
                 {"id": "t", "type": "time"}]""", """
                [{"ts": "2005-03-01 10:11:12.345678", "tz": "2020-01-01T08:00:00Z", "d": "2020-01-02", "t": "12:30:00"}]""");
        JsonNode r = first(id);
        assertThat(r.get("ts").asString()).isEqualTo("2005-03-01T10:11:12");
        assertThat(r.get("tz").asString()).isEqualTo("2020-01-01T08:00:00+00:00");
        assertThat(r.get("d").asString()).isEqualTo("2020-01-02");
        assertThat(r.get("t").asString()).isEqualTo("12:30:00");
    }

    @Test
    void numericKeepsItsScaleAsAJsonNumber() {
        String id = table("[{\"id\": \"n\", \"type\": \"numeric\"}]", "[{\"n\": \"1.50\"}]");
        TestServer.Response r = post("datastore_search", fmt("{\"resource_id\": \"%s\", \"fields\": \"n\"}", id));
        assertThat(r.body()).contains("\"records\":[{\"n\":1.50}]");
    }

    @Test
    void numericKeepsMoreThanTenDecimals() {
        String id = table("[{\"id\": \"n\", \"type\": \"numeric\"}]", "[{\"n\": \"0.123456789012345\"}]");
        TestServer.Response r = post("datastore_search", fmt("{\"resource_id\": \"%s\", \"fields\": \"n\"}", id));
        assertThat(r.body()).contains("\"records\":[{\"n\":0.123456789012345}]");
    }

    @Test
    void numericAcceptsMoreThan28IntegerDigits() {
        String id = newId();
        TestServer.Response created = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "n", "type": "numeric"}],
                 "records": [{"n": "123456789012345678901234567890.5"}]}""", id));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        TestServer.Response r = post("datastore_search", fmt("{\"resource_id\": \"%s\", \"fields\": \"n\"}", id));
        assertThat(r.body()).contains("\"records\":[{\"n\":123456789012345678901234567890.5}]");
    }

    @Test
    void guessedNumericFromAStringKeepsScale() {
        String id = newId();
        ok("datastore_create", fmt("{\"resource_id\": \"%s\", \"records\": [{\"n\": \"1.50\"}]}", id));
        TestServer.Response r = post("datastore_search", fmt("{\"resource_id\": \"%s\", \"fields\": \"n\"}", id));
        assertThat(r.body()).contains("\"fields\":[{\"id\":\"n\",\"type\":\"numeric\"}]");
        assertThat(r.body()).contains("\"records\":[{\"n\":1.50}]");
    }

    @Test
    void booleansAreJsonBooleansAndTfInCsv() {
        String id = table("[{\"id\": \"b\", \"type\": \"bool\"}]", "[{\"b\": true}, {\"b\": false}, {\"b\": null}]");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("b").isBoolean()).isTrue();
        assertThat(recs.get(0).get("b").asBoolean()).isTrue();
        assertThat(recs.get(1).get("b").asBoolean()).isFalse();
        assertThat(recs.get(2).get("b").isNull()).isTrue();
        assertThat(csv(id, "b")).isEqualTo("t\nf\n\n");
    }

    @Test
    void csvRendersNumbersTimestampsAndJsonText() {
        String id = table("""
                [{"id": "i", "type": "int"}, {"id": "f", "type": "float"}, {"id": "n", "type": "numeric"},
                 {"id": "ts", "type": "timestamp"}, {"id": "j", "type": "json"}, {"id": "a", "type": "int[]"},
                 {"id": "s", "type": "text"}]""", """
                [{"i": 7, "f": 1.5, "n": "2.25", "ts": "2005-03-01", "j": {"a": [1, "x"]}, "a": [1, 2],
                  "s": "he said \\"hi\\", bye"}]""");
        assertThat(csv(id, "i, f, n, ts, j, a, s"))
                .isEqualTo("7,1.5,2.25,2005-03-01T00:00:00,\"{\"\"a\"\": [1, \"\"x\"\"]}\",\"[1,2]\","
                        + "\"he said \"\"hi\"\", bye\"\n");
    }

    @Test
    void csvNumericKeepsScale() {
        String id = table("[{\"id\": \"n\", \"type\": \"numeric\"}]", "[{\"n\": \"2.50\"}, {\"n\": 3}]");
        assertThat(csv(id, "n")).isEqualTo("2.50\n3\n");
    }

    @Test
    void listsFormatFollowsFieldsOrder() {
        String id = table(
                "[{\"id\": \"a\", \"type\": \"text\"}, {\"id\": \"b\", \"type\": \"int\"}]",
                "[{\"a\": \"x\", \"b\": 1}]");
        JsonNode r = ok("datastore_search", fmt("""
                {"resource_id": "%s", "records_format": "lists", "fields": "b, _id, a"}""", id));
        assertThat(r.get("records")).isEqualTo(json("[[1, 1, \"x\"]]"));
        assertThat(r.get("fields"))
                .isEqualTo(
                        json(
                                "[{\"id\": \"b\", \"type\": \"int4\"}, {\"id\": \"_id\", \"type\": \"int\"}, {\"id\": \"a\", \"type\": \"text\"}]"));
    }

    @Test
    void stringsAreCoercedIntoTypedColumns() {
        String id = table("""
                [{"id": "i", "type": "int"}, {"id": "t", "type": "text"}, {"id": "d", "type": "date"}]""", """
                [{"i": "5", "t": 25, "d": "2013-01-02"}]""");
        JsonNode r = first(id);
        assertThat(r.get("i").isInt()).isTrue();
        assertThat(r.get("i").asInt()).isEqualTo(5);
        assertThat(r.get("t").asString()).isEqualTo("25");
        assertThat(r.get("d").asString()).isEqualTo("2013-01-02");
    }

    @Test
    void emptyStringStaysInTextButIsNullElsewhereOnInsert() {
        String id = table(
                "[{\"id\": \"t\", \"type\": \"text\"}, {\"id\": \"n\", \"type\": \"int\"}]",
                "[{\"t\": \"\", \"n\": \"\"}]");
        JsonNode r = first(id);
        assertThat(r.get("t").asString()).isEmpty();
        assertThat(r.get("n").isNull()).isTrue();
    }

    @Test
    void jsonScalarsAndNestedValuesRoundTrip() {
        String id = table("[{\"id\": \"j\", \"type\": \"json\"}]", """
                [{"j": "\\u00f1"}, {"j": 3}, {"j": [1, {"b": null}]}, {"j": true}]""");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("j").asString()).isEqualTo("ñ");
        assertThat(recs.get(1).get("j").asInt()).isEqualTo(3);
        assertThat(recs.get(2).get("j")).isEqualTo(json("[1, {\"b\": null}]"));
        assertThat(recs.get(3).get("j").asBoolean()).isTrue();
    }

    @Test
    void arraysOfIntsRoundTrip() {
        String id = table("[{\"id\": \"a\", \"type\": \"_int4\"}]", "[{\"a\": [3, -42]}, {\"a\": []}]");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("a")).isEqualTo(json("[3, -42]"));
        assertThat(recs.get(1).get("a")).isEqualTo(json("[]"));
    }

    @Test
    void nullFilterNeverMatches() {
        String id = table("[{\"id\": \"t\", \"type\": \"text\"}]", "[{\"t\": null}, {\"t\": \"x\"}]");
        JsonNode r = ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"filters\": {\"t\": null}}", id));
        assertThat(r.get("total").asInt()).isZero();
    }

    @Test
    void bigintValuesStayExact() {
        String id = table("[{\"id\": \"b\", \"type\": \"bigint\"}]", "[{\"b\": 9007199254740993}]");
        TestServer.Response r = post("datastore_search", fmt("{\"resource_id\": \"%s\", \"fields\": \"b\"}", id));
        assertThat(r.body()).contains("\"records\":[{\"b\":9007199254740993}]");
    }

    @Test
    void floatValuesRenderLikePython() {
        String id = table("[{\"id\": \"f\", \"type\": \"float\"}]", "[{\"f\": 0.1}, {\"f\": 1e20}, {\"f\": 2}]");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("f").asDouble()).isEqualTo(0.1);
        assertThat(recs.get(1).get("f").asDouble()).isEqualTo(1e20);
        assertThat(recs.get(2).get("f").asDouble()).isEqualTo(2.0);
    }

    @Test
    void textFilterOnIntColumnWithIntValueMatches() {
        String id = table("[{\"id\": \"n\", \"type\": \"int\"}]", "[{\"n\": 2013}, {\"n\": 2014}]");
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"filters\": {\"n\": 2013}}", id))
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"filters\": {\"n\": [2013, \"2014\"]}}", id))
                        .get("total")
                        .asInt())
                .isEqualTo(2);
    }
    // ---- PostgreSQL input coercion (contract §2.3: "other values are bound as-is and coerced by PostgreSQL") ----

    @Test
    void timestampInputIgnoresAZoneOffset() {
        String id = table("[{\"id\": \"ts\", \"type\": \"timestamp\"}]", "[{\"ts\": \"2020-01-01T08:00:00+02:00\"}]");
        assertThat(first(id).get("ts").asString()).isEqualTo("2020-01-01T08:00:00");
    }

    @Test
    void timestampInputAcceptsUsStyleDates() {
        String id = table(
                "[{\"id\": \"ts\", \"type\": \"timestamp\"}]",
                "[{\"ts\": \"1/2/2005\"}, {\"ts\": \"12/25/2005 10:11\"}]");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("ts").asString()).isEqualTo("2005-01-02T00:00:00");
        assertThat(recs.get(1).get("ts").asString()).isEqualTo("2005-12-25T10:11:00");
    }

    @Test
    void guessedUsDateColumnAcceptsItsValues() {
        String id = newId();
        ok(
                "datastore_create",
                fmt("{\"resource_id\": \"%s\", \"records\": [{\"d\": \"12/25/2005\"}, {\"d\": \"01/02/2006\"}]}", id));
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("d").asString()).isEqualTo("2005-12-25T00:00:00");
        assertThat(recs.get(1).get("d").asString()).isEqualTo("2006-01-02T00:00:00");
    }

    @Test
    void floatIntoIntColumnIsRounded() {
        String id = table("[{\"id\": \"n\", \"type\": \"int\"}]", "[{\"n\": 1.5}, {\"n\": 2.4}]");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("n").asInt()).isEqualTo(2);
        assertThat(recs.get(1).get("n").asInt()).isEqualTo(2);
    }

    @Test
    void boolColumnAcceptsPostgresSpellings() {
        String id = table("[{\"id\": \"b\", \"type\": \"bool\"}]", """
                [{"b": "yes"}, {"b": "t"}, {"b": "1"}, {"b": "off"}, {"b": "FALSE"}]""");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("b").asBoolean()).isTrue();
        assertThat(recs.get(1).get("b").asBoolean()).isTrue();
        assertThat(recs.get(2).get("b").asBoolean()).isTrue();
        assertThat(recs.get(3).get("b").asBoolean()).isFalse();
        assertThat(recs.get(4).get("b").asBoolean()).isFalse();
    }

    @Test
    void intColumnAcceptsSurroundingWhitespace() {
        String id = table("[{\"id\": \"n\", \"type\": \"int\"}]", "[{\"n\": \" 5 \"}]");
        assertThat(first(id).get("n").asInt()).isEqualTo(5);
    }

    @Test
    void intColumnRejectsADecimalString() {
        String id = newId();
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "n", "type": "int"}], "records": [{"n": "1.5"}]}""", id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records").get(0).asString())
                .isEqualTo("invalid input syntax for type integer: \"1.5\"");
    }

    @Test
    void invalidDateIs409WithPostgresMessage() {
        String id = newId();
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "d", "type": "date"}], "records": [{"d": "2020-02-30"}]}""", id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records").get(0).asString())
                .isEqualTo("date/time field value out of range: \"2020-02-30\"");
    }
}
