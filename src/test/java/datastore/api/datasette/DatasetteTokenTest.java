package datastore.api.datasette;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.core.json.JsonMappers;
import datastore.services.auth.DatasetteSignedTokens;
import datastore.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /-/create-token} in own-token mode, and what its tokens (and Datasette's own dstok_ tokens) may do
 * through the CKAN API: Datasette's 401 for a token that is not good, 403 for one without the right.
 */
class DatasetteTokenTest {
    private static final String SECRET = "datasette-test-secret";
    private static TestServer server;
    private static String admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("DATASETTE_SECRET", SECRET));
        admin = server.adminToken().orElseThrow();
        for (String table : List.of("docs", "secrets")) {
            TestServer.Response r = server.action(
                    "datastore_create",
                    Map.of(
                            "resource_id",
                            table,
                            "fields",
                            List.of(Map.of("id", "n", "type", "int")),
                            "records",
                            List.of(Map.of("n", 1))),
                    bearer(admin));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static TestServer.Response mint(String token, Object body) {
        return server.post("/-/create-token", TestServer.JSON.writeValueAsString(body), bearer(token));
    }

    private static String minted(String token, Object body) {
        TestServer.Response r = mint(token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("ok").asBoolean()).isTrue();
        return r.json().get("token").asString();
    }

    private static TestServer.Response search(String table, String token) {
        return server.action("datastore_search", Map.of("resource_id", table), bearer(token));
    }

    private static TestServer.Response insert(String table, String token) {
        return server.action(
                "datastore_upsert",
                Map.of("resource_id", table, "method", "insert", "records", List.of(Map.of("n", 2))),
                bearer(token));
    }

    private static void assertInvalidToken(TestServer.Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        JsonNode body = r.json();
        assertThat(body.get("ok").asBoolean()).isFalse();
        assertThat(body.get("error").asString()).isEqualTo(message);
        assertThat(body.get("errors").get(0).asString()).isEqualTo(message);
        assertThat(body.get("status").asInt()).isEqualTo(401);
    }

    private static void assertCkanDenied(TestServer.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.error().get("__type").asString()).isEqualTo("Authorization Error");
        assertThat(r.header("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aTokenRestrictedToViewOneTableReadsItAndNothingElse() {
        TestServer.Response r = mint(
                admin,
                Map.of("restrict_resource", Map.of("data", Map.of("docs", List.of("vt"))), "expires_after", 3600));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("token").asString()).startsWith("ds1.");
        long expires = body.get("expires_at").asLong();
        assertThat(expires)
                .isBetween(Instant.now().getEpochSecond() + 3500, Instant.now().getEpochSecond() + 3700);
        assertThat(body.get("_r").toString()).isEqualTo("{\"r\":{\"data\":{\"docs\":[\"vt\"]}}}");
        String token = body.get("token").asString();

        TestServer.Response read = search("docs", token);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.result().get("records").size()).isPositive();
        assertCkanDenied(insert("docs", token));
        assertCkanDenied(search("secrets", token));
    }

    @Test
    void fullNamesAndADatabaseGrantReachEveryTable() {
        String token = minted(admin, Map.of("restrict_database", Map.of("data", List.of("view-table", "insert-row"))));
        assertThat(search("secrets", token).status()).isEqualTo(200);
        assertThat(insert("secrets", token).status()).isEqualTo(200);
        assertCkanDenied(server.action(
                "datastore_delete", Map.of("resource_id", "secrets", "filters", Map.of("n", 2)), bearer(token)));
        String unrestricted = minted(admin, Map.of());
        assertThat(insert("docs", unrestricted).status()).isEqualTo(200);
    }

    @Test
    void aTokenCannotMintATokenWiderThanItself() {
        String narrow = minted(admin, Map.of("restrict_resource", Map.of("data", Map.of("docs", List.of("vt")))));
        TestServer.Response wider = mint(narrow, Map.of("restrict_all", List.of("ir")));
        assertThat(wider.status()).as(wider.body()).isEqualTo(403);
        assertThat(wider.json().get("status").asInt()).isEqualTo(403);
        assertThat(wider.header("WWW-Authenticate")).isEmpty();
        assertThat(mint(narrow, Map.of()).status()).isEqualTo(403);
        String same =
                minted(narrow, Map.of("restrict_resource", Map.of("data", Map.of("docs", List.of("view-table")))));
        assertThat(search("docs", same).status()).isEqualTo(200);
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        TestServer.Response unknown = mint(admin, Map.of("restrict_all", List.of("vt", "fly", "swim")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asString()).isEqualTo("Unknown actions: fly, swim");
        TestServer.Response db = mint(admin, Map.of("restrict_database", Map.of("elsewhere", List.of("vt"))));
        assertThat(db.status()).isEqualTo(400);
        assertThat(db.json().get("error").asString()).isEqualTo("Database not found: elsewhere");
        TestServer.Response keys = mint(admin, Map.of("expires", 5));
        assertThat(keys.status()).isEqualTo(400);
        assertThat(keys.json().get("error").asString()).isEqualTo("Invalid keys: expires");
        TestServer.Response expiry = mint(admin, Map.of("expires_after", -1));
        assertThat(expiry.status()).isEqualTo(400);
        assertThat(expiry.json().get("error").asString()).isEqualTo("expires_after must be a positive integer");
        TestServer.Response notJson = server.post("/-/create-token", "{", bearer(admin));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asString()).startsWith("Invalid JSON");
    }

    @Test
    void anonymousCallersMayNotMint() {
        TestServer.Response r = server.post("/-/create-token", "{}", Map.of());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("ok").asBoolean()).isFalse();
        assertThat(r.json().get("error").asString()).contains("needs an API token");
    }

    @Test
    void aRevokedTokenIs401OnDatasetteAndStill403OnCkan() {
        TestServer.Response r = mint(admin, Map.of());
        String token = r.json().get("token").asString();
        String id = r.json().get("token_id").asString();
        assertThat(server.action("datastore_token_revoke", Map.of("id", id), bearer(admin))
                        .status())
                .isEqualTo(200);
        assertInvalidToken(mint(token, Map.of()), "Token has been revoked");
        TestServer.Response ckan = insert("docs", token);
        assertCkanDenied(ckan);
        assertThat(ckan.error().get("message").asString()).contains("has been revoked");
    }

    @Test
    void aBadlySignedTokenIs401() {
        assertInvalidToken(mint(admin + "x", Map.of()), "Invalid token signature");
        assertInvalidToken(mint("not-a-token", Map.of()), "Invalid token");
        TestServer.Response ckan = insert("docs", admin + "x");
        assertCkanDenied(ckan);
        assertThat(ckan.error().get("message").asString()).contains("not valid");
    }

    private static String dstok(String secret, long created, Long duration, ObjectNode restrictions) {
        ObjectNode p = JsonMappers.standard().createObjectNode();
        p.put("a", "alice");
        p.put("t", created);
        if (duration != null) {
            p.put("d", duration);
        }
        if (restrictions != null) {
            p.set("_r", restrictions);
        }
        return new DatasetteSignedTokens(secret).sign(p);
    }

    private static ObjectNode r(String json) {
        return (ObjectNode) JsonMappers.standard().readTree(json);
    }

    @Test
    void datasetteSignedTokensAreHonouredWithTheirRestrictions() {
        long now = Instant.now().getEpochSecond();
        String token = dstok(SECRET, now, 3600L, r("{\"r\":{\"data\":{\"docs\":[\"vt\"]}}}"));
        assertThat(search("docs", token).status()).isEqualTo(200);
        assertCkanDenied(insert("docs", token));
        assertCkanDenied(search("secrets", token));
        String writer = dstok(SECRET, now, null, r("{\"a\":[\"ir\",\"vt\"]}"));
        assertThat(insert("secrets", writer).status()).isEqualTo(200);
        String child = minted(writer, Map.of("restrict_all", List.of("vt")));
        assertThat(search("secrets", child).status()).isEqualTo(200);
        assertCkanDenied(insert("secrets", child));
    }

    @Test
    void expiredOrForeignDatasetteTokensAre401() {
        long now = Instant.now().getEpochSecond();
        assertInvalidToken(mint(dstok(SECRET, now - 100, 10L, null), Map.of()), "Token has expired");
        assertCkanDenied(search("docs", dstok(SECRET, now - 100, 10L, null)));
        assertInvalidToken(mint(dstok("another-secret", now, null, null), Map.of()), "Invalid token signature");
    }

    @Test
    void signedTokensCanBeTurnedOff() {
        try (TestServer s =
                TestServer.start(Map.of("DATASETTE_SECRET", SECRET, "DATASETTE_ALLOW_SIGNED_TOKENS", "false"))) {
            String token = dstok(SECRET, Instant.now().getEpochSecond(), null, null);
            TestServer.Response r = s.post("/-/create-token", "{}", bearer(token));
            assertInvalidToken(r, "Signed tokens are not enabled for this Datasette instance");
            assertThat(s.get("/-/settings.json")
                            .json()
                            .get("allow_signed_tokens")
                            .asBoolean())
                    .isFalse();
            String own = s.post("/-/create-token", "{}", bearer(s.adminToken().orElseThrow()))
                    .json()
                    .get("token")
                    .asString();
            assertThat(own).startsWith("ds1.");
        }
    }

    @Test
    void withoutOwnTokensThereIsNoMinting() {
        try (TestServer s = TestServer.open(Map.of())) {
            TestServer.Response r = s.post("/-/create-token", "{}", Map.of());
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("error").asString()).contains("own-token mode");
            assertThat(s.get("/-/create-token").status()).isEqualTo(403);
        }
    }

    private static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return b.toString();
    }

    @Test
    void peopleMintThroughAPlainHtmlForm() {
        TestServer.Response page = server.get("/-/create-token");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body())
                .contains("<form method=\"post\"")
                .contains("name=\"all:view-table\"")
                .doesNotContain("<script");

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", admin);
        fields.put("expire_duration", "2");
        fields.put("expire_type", "hours");
        fields.put("table", "<b>docs</b>");
        fields.put("table:view-table", "on");
        fields.put("resource:data:docs:vt", "on");
        TestServer.Response created = server.post(
                "/-/create-token", form(fields), Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("&lt;b&gt;docs&lt;/b&gt;").doesNotContain("<b>docs");
        assertThat(created.body()).doesNotContain(admin);
        Matcher m = Pattern.compile("(ds1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(created.body());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(search("docs", token).status()).isEqualTo(200);
        assertCkanDenied(search("secrets", token));

        TestServer.Response refused = server.post(
                "/-/create-token",
                form(Map.of("token", admin + "x", "all:vt", "on")),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("Invalid token signature").contains("<form");
    }
}
