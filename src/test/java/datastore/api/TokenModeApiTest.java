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
}
