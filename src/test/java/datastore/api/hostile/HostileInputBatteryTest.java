package datastore.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.Bytes;
import datastore.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Well over a thousand hostile or sloppy requests against every CKAN action, on the engine under test:
 * none may get a 5xx, at least 99 % must get a 4xx envelope (or CKAN's bare-string 400), and the stored
 * table must be exactly as it was afterwards.
 */
class HostileInputBatteryTest {
    private static final String ID = "battery";
    private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");
    private static TestServer server;

    /** Names that find no table, yet are fine to create: CKAN allows them (they are only 404s for reads and writes). */
    private static final java.util.Set<String> CREATABLE =
            java.util.Set.of("\"nope\"", "\"battery; DROP TABLE battery\"");

    /** Not resource ids, but CKAN allows dots and parentheses in aliases. */
    private static final java.util.Set<String> VALID_ALIASES = java.util.Set.of("\"battery.csv\"", "\"(battery)\"");

    /** One request of the battery. */
    record Case(String method, String path, byte[] body, Map<String, String> headers, String label) {}

    @BeforeAll
    static void start() {
        server = TestServer.open();
        TestServer.Response r = server.action("datastore_create", """
                {"resource_id": "battery", "primary_key": "n", "aliases": "battery_alias",
                 "fields": [{"id": "n", "type": "int"}, {"id": "t", "type": "text"}, {"id": "x", "type": "numeric"},
                            {"id": "b", "type": "bool"}, {"id": "d", "type": "timestamp"}, {"id": "j", "type": "json"},
                            {"id": "a", "type": "_text"}],
                 "records": [{"n": 1, "t": "one", "x": 1.5, "b": true, "d": "2020-01-01", "j": {"k": 1}, "a": ["p"]},
                             {"n": 2, "t": "two", "x": 2.5, "b": false, "d": "2021-06-30T12:00:00", "j": [1], "a": []}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String snapshot() {
        TestServer.Response dump = server.get("/datastore/dump/" + ID + "?format=json");
        assertThat(dump.status()).isEqualTo(200);
        TestServer.Response info = server.action("datastore_info", "{\"id\": \"" + ID + "\"}");
        return dump.body()
                + info.result().get("fields")
                + info.result().get("meta").get("aliases");
    }

    @Test
    void hostileRequestsAreRefusedCleanlyAndChangeNothing() {
        String before = snapshot();
        List<Case> cases = cases();
        assertThat(cases.size()).isGreaterThan(1000);
        int refused = 0;
        List<String> fiveXx = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (Case c : cases) {
            TestServer.Response r;
            try {
                r = server.send(c.method(), c.path(), c.body(), c.headers());
            } catch (java.io.UncheckedIOException e) {
                fiveXx.add(c.label() + " → no answer: " + e.getMessage());
                continue;
            }
            if (r.status() >= 500) {
                fiveXx.add(c.label() + " → " + r.status() + " " + r.body());
            } else if (r.status() >= 400 && isEnvelope(r)) {
                refused++;
            } else {
                accepted.add(c.label() + " → " + r.status() + " " + abbreviate(r.body()));
            }
        }
        System.out.printf(
                "hostile battery on %s: %d cases, %d refused with a 4xx envelope, %d accepted, %d without a clean answer%n",
                TestServer.engine(), cases.size(), refused, accepted.size(), fiveXx.size());
        assertThat(fiveXx).as("5xx answers").isEmpty();
        assertThat(refused)
                .as("refused with a 4xx envelope; not refused: %s", accepted)
                .isGreaterThanOrEqualTo((int) Math.ceil(cases.size() * 0.99));
        assertThat(snapshot()).as("the stored table").isEqualTo(before);
    }

    private static boolean isEnvelope(TestServer.Response r) {
        if (r.bytes().length == 0) {
            return false;
        }
        try {
            JsonNode body = r.json();
            if (body.isString()) {
                return r.status() == 400 && body.asString().startsWith("Bad request");
            }
            return body.has("success")
                    && !body.get("success").asBoolean()
                    && body.get("error").has("__type");
        } catch (RuntimeException e) {
            // Dumps answer in text, as CKAN's do.
            return r.headers().getOrDefault("content-type", List.of("")).get(0).startsWith("text/plain")
                    && !r.body().isBlank();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<String> badIds = badNames();
        List<String> writes = List.of("datastore_upsert", "datastore_delete", "datastore_records_delete");
        for (String id : badIds) {
            for (String action : List.of("datastore_search", "datastore_info")) {
                cases.add(json(action, "{\"resource_id\": " + id + "}", action + " id=" + id));
            }
            if (!CREATABLE.contains(id)) {
                cases.add(json(
                        "datastore_create",
                        "{\"resource_id\": " + id + ", \"records\": [{\"q\": 1}]}",
                        "create id=" + id));
            }
            for (String action : writes) {
                cases.add(json(
                        action,
                        "{\"resource_id\": " + id + ", \"filters\": {\"n\": 1}, \"records\": [{\"n\": 9}]}",
                        action + " id=" + id));
            }
            if (!CREATABLE.contains(id) && !VALID_ALIASES.contains(id)) {
                cases.add(json(
                        "datastore_create",
                        "{\"resource_id\": \"" + ID + "\", \"aliases\": [" + id + "]}",
                        "create alias=" + id));
            }
        }
        // CKAN's unversioned action path must refuse the same way.
        List<Case> unversioned = new ArrayList<>();
        for (Case c : cases) {
            unversioned.add(new Case(
                    c.method(),
                    c.path().replace("/api/3/action/", "/api/action/"),
                    c.body(),
                    c.headers(),
                    c.label() + " (unversioned)"));
        }
        cases.addAll(unversioned);
        for (String id : badIds) {
            if (id.startsWith("\"")) {
                String raw = TestServer.JSON.readTree(id).asString();
                cases.add(new Case(
                        "GET",
                        "/datastore/dump/"
                                + java.net.URLEncoder.encode(raw, StandardCharsets.UTF_8)
                                        .replace("+", "%20"),
                        null,
                        Map.of(),
                        "dump id=" + id));
            }
        }
        for (String key : List.of("limit", "offset", "total_estimation_threshold")) {
            for (String v : List.of(
                    "1e30",
                    "1000000000000000000000000000000",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "\"ten\"",
                    "[1]",
                    "{\"a\": 1}",
                    "1.5",
                    "\"1.5\"",
                    "\"0x10\"",
                    "true",
                    "\"\\u0000\"",
                    "\"" + "9".repeat(5000) + "\"",
                    "1e-400",
                    "-1")) {
                if (key.equals("total_estimation_threshold") && v.equals("-1")) {
                    continue;
                }
                cases.add(json(
                        "datastore_search",
                        "{\"resource_id\": \"" + ID + "\", \"" + key + "\": " + v + "}",
                        "search " + key + "=" + v));
            }
        }
        for (String filters : List.of(
                "\"not json\"",
                "[1, 2]",
                "1",
                "{\"nope\": 1}",
                "{\"n\": {\"a\": 1}}",
                "{\"n\": [[{\"x\": 1}]]}",
                "{\"n; DROP TABLE battery\": 1}",
                "{\"n\": \"abc\"}",
                "{\"d\": \"not a date\"}",
                "{\"\\u0000\": 1}",
                "{\"_full_text\": \"x\"}",
                "\"{\\\"n\\\": \"")) {
            cases.add(json(
                    "datastore_search",
                    "{\"resource_id\": \"" + ID + "\", \"filters\": " + filters + "}",
                    "search filters=" + filters));
            cases.add(json(
                    "datastore_records_delete",
                    "{\"resource_id\": \"" + ID + "\", \"filters\": " + filters + "}",
                    "records_delete filters=" + filters));
            cases.add(json(
                    "datastore_delete",
                    "{\"resource_id\": \"" + ID + "\", \"filters\": " + filters + "}",
                    "delete filters=" + filters));
        }
        for (String sort : List.of(
                "\"nope\"",
                "\"n sideways\"",
                "\"n desc nulls sideways\"",
                "\"n; DROP TABLE battery\"",
                "\"(SELECT 1)\"",
                "[1]",
                "{\"a\": 1}",
                "\"n desc, nope\"",
                "\"\\\"n\\\"\\\" desc\"")) {
            cases.add(json(
                    "datastore_search",
                    "{\"resource_id\": \"" + ID + "\", \"sort\": " + sort + "}",
                    "search sort=" + sort));
        }
        for (String fields : List.of(
                "\"nope\"",
                "\"n,nope\"",
                "[\"n\", 1]",
                "{\"a\": 1}",
                "\"n; DROP TABLE battery\"",
                "[\"*\"]",
                "\"_id,(SELECT 1)\"",
                "[[\"n\"]]")) {
            cases.add(json(
                    "datastore_search",
                    "{\"resource_id\": \"" + ID + "\", \"fields\": " + fields + "}",
                    "search fields=" + fields));
        }
        for (String q : List.of(
                "{\"nope\": \"x\"}", "{\"t\": 1}", "{\"t\": [\"x\"]}", "[1]", "\"" + "w ".repeat(60_000) + "\"")) {
            cases.add(json(
                    "datastore_search",
                    "{\"resource_id\": \"" + ID + "\", \"q\": " + q + "}",
                    "search q=" + abbreviate(q)));
        }
        for (String lang : List.of("\"klingon\"", "\"english'; DROP TABLE battery; --\"", "[1]")) {
            cases.add(json(
                    "datastore_search",
                    "{\"resource_id\": \"" + ID + "\", \"q\": \"one\", \"language\": " + lang + "}",
                    "search language=" + lang));
        }
        Map<String, List<String>> wrongValues = new LinkedHashMap<>();
        wrongValues.put(
                "n",
                List.of(
                        "\"abc\"",
                        "1.5",
                        "1e30",
                        "9223372036854775808",
                        "true",
                        "[1]",
                        "{\"a\": 1}",
                        "\"\"",
                        "\"1 2\""));
        wrongValues.put("x", List.of("\"abc\"", "[1]", "{\"a\": 1}", "\"1,5\"", "\"NaN-ish\""));
        wrongValues.put("b", List.of("\"maybe\"", "2", "[true]", "{\"a\": 1}"));
        wrongValues.put("d", List.of("\"not a date\"", "\"2020-13-45\"", "[1]", "{\"a\": 1}", "\"20201\""));
        wrongValues.put("a", List.of("{\"a\": 1}", "[[{\"a\": 1}]]"));
        for (Map.Entry<String, List<String>> e : wrongValues.entrySet()) {
            for (String v : e.getValue()) {
                for (String method : List.of("insert", "upsert", "update")) {
                    // A good row first: the bad one after it must roll the whole batch back.
                    cases.add(json(
                            "datastore_upsert",
                            "{\"resource_id\": \"" + ID + "\", \"method\": \"" + method
                                    + "\", \"records\": [{\"n\": 1, \"t\": \"changed\"}, {\"n\": 77, \"" + e.getKey()
                                    + "\": " + v + "}]}",
                            "upsert " + method + " " + e.getKey() + "=" + v));
                }
                cases.add(json(
                        "datastore_create",
                        "{\"resource_id\": \"" + ID + "\", \"records\": "
                                + "[{\"n\": 50, \"t\": \"new\"}, {\"n\": 51, \"" + e.getKey() + "\": " + v + "}]}",
                        "create records " + e.getKey() + "=" + v));
            }
        }
        for (String records : List.of(
                "\"rows\"",
                "[1]",
                "[[]]",
                "[{\"n\": 3}, \"x\"]",
                "[{\"nope\": 1}]",
                "[{\"_id\": \"x\"}]",
                "[{\"n\": 1, \"t\": \"x\"}, {\"n\": 1, \"nope\": 2}]",
                "{\"n\": 1}",
                "[{\"_full_text\": \"x\"}]")) {
            for (String method : List.of("insert", "upsert", "update")) {
                cases.add(json(
                        "datastore_upsert",
                        "{\"resource_id\": \"" + ID + "\", \"method\": \"" + method + "\", \"records\": " + records
                                + "}",
                        "upsert " + method + " records=" + records));
            }
        }
        for (String method : List.of("\"merge\"", "1", "[\"insert\"]", "\"INSERT; DROP\"")) {
            cases.add(json(
                    "datastore_upsert",
                    "{\"resource_id\": \"" + ID + "\", \"method\": " + method + ", \"records\": [{\"n\": 5}]}",
                    "upsert method=" + method));
        }
        for (String field : List.of(
                "{\"id\": \"_id\"}",
                "{\"id\": \"_x\", \"type\": \"text\"}",
                "{\"id\": 1}",
                "{\"type\": \"text\"}",
                "{\"id\": \"q\", \"type\": \"int; DROP TABLE battery\"}",
                "{\"id\": \"q\", \"type\": \"varchar(10); DROP\"}",
                "{\"id\": \"q\", \"type\": [\"text\"]}",
                "{\"id\": \"q\\\"\", \"type\": \"text\"}",
                "{\"id\": \"q\\u0000\", \"type\": \"text\"}",
                "{\"id\": \" q\", \"type\": \"text\"}",
                "{\"id\": \"" + "q".repeat(64) + "\", \"type\": \"text\"}",
                "{\"id\": \"q\", \"info\": \"x\"}",
                "\"q\"",
                "[\"q\"]",
                "{\"id\": \"q\", \"type\": \"serial\"}",
                "{\"id\": \"q\", \"type\": \"nope\"}")) {
            cases.add(json(
                    "datastore_create",
                    "{\"resource_id\": \"" + ID + "\", \"fields\": [" + field + "]}",
                    "create field=" + abbreviate(field)));
            cases.add(json(
                    "datastore_create",
                    "{\"resource_id\": \"" + ID + "\", \"fields\": [{\"id\": \"n\", " + "\"type\": \"int\"}, " + field
                            + "], \"delete_fields\": true}",
                    "create+delete field=" + field));
        }
        for (String pk : List.of("\"nope\"", "[\"n\", \"nope\"]", "{\"a\": 1}", "[1]")) {
            cases.add(json(
                    "datastore_create",
                    "{\"resource_id\": \"" + ID + "\", \"primary_key\": " + pk + "}",
                    "create primary_key=" + pk));
            cases.add(json(
                    "datastore_create",
                    "{\"resource_id\": \"" + ID + "\", \"indexes\": " + pk + "}",
                    "create indexes=" + pk));
        }
        for (String resource : List.of("{\"name\": \"x\"}", "\"x\"", "[1]", "{\"package_id\": \"\"}")) {
            cases.add(json(
                    "datastore_create",
                    "{\"resource\": " + resource + ", \"records\": [{\"a\": 1}]}",
                    "create resource=" + resource));
        }
        cases.add(json(
                "datastore_create",
                "{\"resource_id\": \"" + ID + "\", \"triggers\": [{\"function\": \"x\"}]}",
                "create triggers"));
        String prefix = "{\"resource_id\": \"" + ID + "\", \"method\": \"insert\", \"records\": [{\"n\": 90, \"t\": \"";
        byte[][] badUtf8 = {
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xFF},
            {(byte) 0xFE},
            {(byte) 0x80},
            {(byte) 0xBF},
            {(byte) 0xC2},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        };
        for (byte[] bad : badUtf8) {
            for (String action : List.of("datastore_upsert", "datastore_create", "datastore_search")) {
                byte[] body = Bytes.concat(
                        prefix.getBytes(StandardCharsets.UTF_8), bad, "\"}]}".getBytes(StandardCharsets.UTF_8));
                cases.add(new Case("POST", "/api/3/action/" + action, body, JSON_TYPE, action + " bad utf-8"));
            }
        }
        for (String escaped : List.of("\\ud800", "\\udfff", "\\ud800\\ud800", "x\\udc00y")) {
            cases.add(json("datastore_upsert", prefix + escaped + "\"}]}", "upsert lone surrogate " + escaped));
            cases.add(json(
                    "datastore_create",
                    "{\"resource_id\": \"" + ID + "\", \"fields\": [{\"id\": \"s" + escaped
                            + "\", \"type\": \"text\"}]}",
                    "create field lone surrogate " + escaped));
        }
        for (String broken : List.of(
                "{",
                "}",
                "{\"resource_id\": }",
                "{\"resource_id\": \"battery\",}",
                "{'resource_id': 'battery'}",
                "[",
                "[]",
                "1",
                "\"battery\"",
                "null",
                "true",
                "{\"a\": 1}{\"b\": 2}",
                "{\"resource_id\": \"battery\"",
                "{\"resource_id\": NaN}",
                "{\"resource_id\": \"battery\", \"resource_id\": \"other\"}",
                "{\"limit\": 1" + "0".repeat(2000) + "}",
                "[".repeat(3000) + "]".repeat(3000),
                "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                "\u0000",
                "{\"resource_id\": \"battery\"}\u0000")) {
            for (String action : List.of(
                    "datastore_search",
                    "datastore_upsert",
                    "datastore_create",
                    "datastore_delete",
                    "datastore_info",
                    "datastore_search_sql")) {
                cases.add(json(action, broken, action + " broken=" + abbreviate(broken)));
            }
        }
        for (String type : List.of(
                "application/json; charset=latin-1",
                "application/json; charset=utf-16",
                "application/json; charset=bogus",
                "multipart/form-data; boundary=zz",
                "multipart/form-data",
                "application/x-www-form-urlencoded")) {
            for (String action : List.of("datastore_search", "datastore_upsert", "datastore_delete")) {
                String body = type.startsWith("application/x-www")
                        ? "{\"resource_id\": \"battery\","
                        : type.startsWith("multipart") ? "--zz\r\nbroken" : "{\"resource_id\": \"battery\", \"x\": 1";
                cases.add(new Case(
                        "POST",
                        "/api/3/action/" + action,
                        body.getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", type),
                        action + " content-type=" + type));
            }
        }
        for (String path : List.of(
                "/api/3/action/datastore_search",
                "/api/3/action/datastore_create",
                "/api/3/action/datastore_upsert",
                "/api/3/action/datastore_delete",
                "/api/action/datastore_upsert",
                "/datastore/dump/battery",
                "/health",
                "/api/3/action/datastore_info")) {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                cases.add(new Case(
                        method,
                        path,
                        "{\"resource_id\": \"battery\"}".getBytes(StandardCharsets.UTF_8),
                        JSON_TYPE,
                        method + " " + path));
            }
        }
        for (String action :
                List.of("datastore_create", "datastore_upsert", "datastore_delete", "datastore_records_delete")) {
            cases.add(new Case("HEAD", "/api/3/action/" + action, null, Map.of(), "HEAD " + action));
            cases.add(new Case(
                    "GET", "/api/3/action/" + action + "?resource_id=battery", null, Map.of(), "GET " + action));
        }
        for (String query : List.of(
                "limit=1e30",
                "limit=-1",
                "offset=99999999999",
                "limit=abc",
                "format=exe",
                "filters=notjson",
                "sort=nope",
                "fields=nope",
                "q=%7B%22nope%22%3A%22x%22%7D",
                "offset=%00",
                "limit=9223372036854775808")) {
            cases.add(new Case("GET", "/datastore/dump/" + ID + "?" + query, null, Map.of(), "dump " + query));
            cases.add(new Case(
                    "GET",
                    "/api/3/action/datastore_search?resource_id=" + ID + "&" + query,
                    null,
                    Map.of(),
                    "GET search " + query));
        }
        return cases;
    }

    /** Resource ids (as JSON values) that no table can have, or that name nothing. */
    private static List<String> badNames() {
        List<String> names = new ArrayList<>();
        for (String s : List.of(
                "battery ",
                " battery",
                "battery\\t",
                "bat\\u0000tery",
                "bat\\u0007tery",
                "bat\\ud800tery",
                "bat/tery",
                "bat\\\\tery",
                "bat'tery",
                "bat\\\"tery",
                "bat%tery",
                "_battery",
                "_table_metadata ",
                "pg_class",
                "PG_CLASS",
                "duckdb_tables",
                "sqlite_master",
                "information_schema",
                "main",
                "public",
                "battery; DROP TABLE battery",
                "battery\\nDROP",
                "x".repeat(64),
                "é".repeat(32),
                "../battery",
                "battery.csv",
                "(battery)",
                "",
                " ",
                "battery_alias ",
                "nope",
                "%00",
                "\\u202ebattery")) {
            names.add("\"" + s + "\"");
        }
        names.addAll(List.of("null", "[\"battery\"]", "{\"id\": \"battery\"}"));
        return names;
    }

    private static Case json(String action, String body, String label) {
        return new Case("POST", "/api/3/action/" + action, body.getBytes(StandardCharsets.UTF_8), JSON_TYPE, label);
    }
}
