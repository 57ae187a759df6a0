package datastore.api;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenModeApiTest {

    private static final Map<String, Object> CREATE = Map.of(
            "resource_id",
            "secure",
            "fields",
            List.of(Map.of("id", "a", "type", "int")),
            "records",
            List.of(Map.of("a", 1)));

    @Test
    void firstStartWritesAnOwnerOnlyAdminTokenAndPrintsItOnce() throws Exception {
        try (TestServer s = TestServer.start(Map.of())) {
            String token = s.adminToken().orElseThrow();
            assertThat(s.printed()).contains(token);
            assertThat(Files.readString(s.dataDir().resolve("admin.token")).strip())
                    .isEqualTo(token);
            assertThat(Files.getPosixFilePermissions(s.dataDir().resolve("admin.token")))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            s.close();
            try (TestServer again =
                    TestServer.start(Map.of("DATA_DIR", s.dataDir().toString()))) {
                assertThat(again.adminToken()).contains(token);
                assertThat(again.printed()).doesNotContain(token);
            }
        }
    }

    @Test
    void anonymousMayReadButNotWriteAndTheAdminTokenMayWrite() {
        try (TestServer s = TestServer.start(Map.of())) {
            TestServer.Response anonymous = s.action("datastore_create", CREATE);
            assertThat(anonymous.status()).isEqualTo(403);
            assertThat(anonymous.error().get("__type").asString()).isEqualTo("Authorization Error");
            assertThat(anonymous.error().get("message").asString()).contains("Authorization");
            String token = s.adminToken().orElseThrow();
            assertThat(s.action("datastore_create", CREATE, Map.of("Authorization", token))
                            .status())
                    .isEqualTo(200);
            assertThat(s.action("datastore_create", CREATE, Map.of("Authorization", "Bearer " + token))
                            .status())
                    .isEqualTo(200);
            assertThat(s.action("datastore_search", Map.of("resource_id", "secure"))
                            .status())
                    .isEqualTo(200);
            TestServer.Response forged = s.action("datastore_create", CREATE, Map.of("Authorization", token + "x"));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.error().get("message").asString()).contains("not valid");
            assertThat(s.get("/health").status()).isEqualTo(200);
            assertThat(s.get("/metrics").status()).isEqualTo(200);
        }
    }

    private static Map<String, String> auth(String token) {
        return Map.of("Authorization", token);
    }

    private static String mint(TestServer s, String adminToken, Map<String, Object> params) {
        TestServer.Response r = s.action("datastore_token_create", params, auth(adminToken));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("token").asString();
    }

    @Test
    void anAdminTokenCreatesListsAndRevokesRestrictedTokens() {
        try (TestServer s = TestServer.start(Map.of())) {
            String admin = s.adminToken().orElseThrow();
            assertThat(s.action("datastore_create", CREATE, auth(admin)).status())
                    .isEqualTo(200);
            TestServer.Response created = s.action(
                    "datastore_token_create",
                    Map.of(
                            "actor",
                            "reader",
                            "expires_in",
                            "1h",
                            "restrictions",
                            Map.of("resources", Map.of("secure", List.of("read")))),
                    auth(admin));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            String reader = created.result().get("token").asString();
            String id = created.result().get("id").asString();
            assertThat(created.result().get("actor").asString()).isEqualTo("reader");
            assertThat(created.result().get("status").asString()).isEqualTo("active");
            assertThat(created.result().get("expires").asString()).isNotEmpty();

            assertThat(s.action("datastore_search", Map.of("resource_id", "secure"), auth(reader))
                            .status())
                    .isEqualTo(200);
            assertThat(s.get("/datastore/dump/secure", auth(reader)).status()).isEqualTo(200);
            TestServer.Response write = s.action(
                    "datastore_upsert",
                    Map.of("resource_id", "secure", "method", "insert", "records", List.of(Map.of("a", 2))),
                    auth(reader));
            assertThat(write.status()).isEqualTo(403);
            assertThat(write.error().get("message").asString()).contains("do not allow insert on resource secure");
            TestServer.Response sql =
                    s.action("datastore_search_sql", Map.of("sql", "SELECT * FROM \"secure\""), auth(reader));
            assertThat(sql.status()).isEqualTo(403);
            assertThat(sql.error().get("message").asString()).contains("do not allow sql");
            assertThat(s.action("datastore_token_list", Map.of(), auth(reader)).status())
                    .isEqualTo(403);

            TestServer.Response list = s.action("datastore_token_list", Map.of(), auth(admin));
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).doesNotContain(reader).doesNotContain(admin);
            assertThat(list.result().findValuesAsString("actor")).contains("admin", "reader");

            TestServer.Response revoked = s.action("datastore_token_revoke", Map.of("id", id), auth(admin));
            assertThat(revoked.status()).isEqualTo(200);
            assertThat(revoked.result().get("status").asString()).isEqualTo("revoked");
            TestServer.Response refused = s.action("datastore_search", Map.of("resource_id", "secure"), auth(reader));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.error().get("message").asString()).contains("has been revoked");
            assertThat(s.action("datastore_token_revoke", Map.of("id", "nope"), auth(admin))
                            .status())
                    .isEqualTo(404);
            assertThat(s.action("datastore_token_list", Map.of()).status()).isEqualTo(403);
        }
    }

    @Test
    void aRestrictedAdminTokenCannotMintABroaderOneOverTheApi() {
        try (TestServer s = TestServer.start(Map.of())) {
            String admin = s.adminToken().orElseThrow();
            String limited = mint(s, admin, Map.of("admin", true, "restrictions", Map.of("all", List.of("read"))));
            TestServer.Response broader = s.action(
                    "datastore_token_create",
                    Map.of("restrictions", Map.of("all", List.of("read", "insert"))),
                    auth(limited));
            assertThat(broader.status()).isEqualTo(403);
            assertThat(broader.error().get("message").asString()).contains("broader");
            assertThat(s.action("datastore_token_create", Map.of(), auth(limited))
                            .status())
                    .isEqualTo(403);
            assertThat(s.action(
                                    "datastore_token_create",
                                    Map.of("restrictions", Map.of("all", List.of("read"))),
                                    auth(limited))
                            .status())
                    .isEqualTo(200);
            TestServer.Response invalid = s.action(
                    "datastore_token_create", Map.of("restrictions", Map.of("all", List.of("fly"))), auth(admin));
            assertThat(invalid.status()).isEqualTo(409);
            assertThat(invalid.error().get("restrictions").get(0).asString()).contains("unknown verb");
        }
    }

    @Test
    void dropNeedsTheDropVerbAndDeletingRowsTheDeleteVerb() {
        try (TestServer s = TestServer.start(Map.of())) {
            String admin = s.adminToken().orElseThrow();
            s.action("datastore_create", CREATE, auth(admin));
            String deleter =
                    mint(s, admin, Map.of("restrictions", Map.of("tables", Map.of("secure", List.of("delete")))));
            assertThat(s.action(
                                    "datastore_records_delete",
                                    Map.of("resource_id", "secure", "filters", Map.of()),
                                    auth(deleter))
                            .status())
                    .isEqualTo(200);
            TestServer.Response drop = s.action("datastore_delete", Map.of("resource_id", "secure"), auth(deleter));
            assertThat(drop.status()).isEqualTo(403);
            assertThat(drop.error().get("message").asString()).contains("do not allow drop");
            assertThat(s.action("datastore_info", Map.of("resource_id", "secure"), auth(admin))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aPrivatePortalRefusesAnonymousReadsOnEverySurface() {
        try (TestServer s = TestServer.start(Map.of("AUTH_ANONYMOUS_READ", "false"))) {
            String admin = s.adminToken().orElseThrow();
            s.action("datastore_create", CREATE, auth(admin));
            for (TestServer.Response r : List.of(
                    s.action("datastore_search", Map.of("resource_id", "secure")),
                    s.action("datastore_search", Map.of("resource_id", "_table_metadata")),
                    s.action("datastore_info", Map.of("resource_id", "secure")),
                    s.action("datastore_search_sql", Map.of("sql", "SELECT * FROM \"secure\"")))) {
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.error().get("message").asString()).contains("AUTH_ANONYMOUS_READ=false");
            }
            TestServer.Response dump = s.get("/datastore/dump/secure");
            assertThat(dump.status()).isEqualTo(403);
            assertThat(dump.body()).contains("requires an API token");
            assertThat(s.action("datastore_search", Map.of("resource_id", "secure"), auth(admin))
                            .status())
                    .isEqualTo(200);
            assertThat(s.get("/").status()).isEqualTo(200);
            assertThat(s.get("/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void anExpiredTokenSaysSo() throws Exception {
        try (TestServer s = TestServer.start(Map.of())) {
            String admin = s.adminToken().orElseThrow();
            String shortLived = mint(s, admin, Map.of("expires_in", 1));
            Thread.sleep(2100);
            TestServer.Response r = s.action("datastore_create", CREATE, auth(shortLived));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error().get("message").asString()).contains("expired at");
        }
    }

    @Test
    void theServerRefusesALifetimeAboveTokenMaxTtl() {
        try (TestServer s = TestServer.start(Map.of("TOKEN_MAX_TTL", "3600"))) {
            String admin = s.adminToken().orElseThrow();
            TestServer.Response r = s.action("datastore_token_create", Map.of("expires_in", "2h"), auth(admin));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.error().get("expires_in").get(0).asString()).contains("TOKEN_MAX_TTL");
        }
    }

    @Test
    void aConfiguredTokenSecretSignsTheTokens() throws Exception {
        String secret = "s".repeat(40);
        try (TestServer s = TestServer.start(Map.of("TOKEN_SECRET", secret))) {
            assertThat(Files.exists(s.dataDir().resolve("token.secret"))).isFalse();
            assertThat(s.action("datastore_create", CREATE, auth(s.adminToken().orElseThrow()))
                            .status())
                    .isEqualTo(200);
            assertThat(Files.readString(s.dataDir().resolve("tokens.json")))
                    .doesNotContain(s.adminToken().orElseThrow());
        }
    }
}
