package datastore;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datastore token create|list|revoke} against the DATA_DIR a server uses. */
class TokenCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCli.run(
                List.of(args),
                Map.of("DATA_DIR", dir.toString()),
                new PrintStream(out, true),
                new PrintStream(err, true));
        return new Run(code, out.toString().strip(), err.toString());
    }

    @Test
    void createsARestrictedTokenTheServerAccepts() throws Exception {
        Run created = run(
                "create",
                "--actor",
                "loader",
                "--expires-in",
                "30d",
                "--allow-resource",
                "res-1=create,insert",
                "--allow",
                "read");
        assertThat(created.code()).as(created.err()).isZero();
        String token = created.out();
        assertThat(token).startsWith("ds1.");
        assertThat(created.err())
                .contains("loader")
                .contains("resource res-1: insert,create")
                .contains("all: read");
        try (TestServer s = TestServer.start(Map.of("DATA_DIR", dir.toString()))) {
            Map<String, Object> create = Map.of(
                    "resource_id",
                    "res-1",
                    "fields",
                    List.of(Map.of("id", "a", "type", "int")),
                    "records",
                    List.of(Map.of("a", 1)));
            assertThat(s.action("datastore_create", create, Map.of("Authorization", token))
                            .status())
                    .isEqualTo(200);
            Map<String, Object> other =
                    Map.of("resource_id", "res-2", "fields", List.of(Map.of("id", "a", "type", "int")));
            assertThat(s.action("datastore_create", other, Map.of("Authorization", token))
                            .status())
                    .isEqualTo(403);
        }
        Run list = run("list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("loader").contains("active").contains("admin");
        assertThat(Files.readString(dir.resolve("tokens.json"))).doesNotContain(token);
    }

    @Test
    void revokesAToken() {
        String token = run("create", "--actor", "temp").out();
        String id = run("list")
                .out()
                .lines()
                .filter(l -> l.contains("temp"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[0];
        Run revoked = run("revoke", id);
        assertThat(revoked.code()).isZero();
        assertThat(run("list").out()).contains("revoked");
        assertThat(run("revoke", "no-such-id").code()).isEqualTo(1);
        try (TestServer s = TestServer.start(Map.of("DATA_DIR", dir.toString()))) {
            TestServer.Response r = s.action(
                    "datastore_create",
                    Map.of("resource_id", "x", "fields", List.of(Map.of("id", "a", "type", "int"))),
                    Map.of("Authorization", token));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.error().get("message").asString()).contains("revoked");
        }
    }

    @Test
    void badArgumentsPrintUsage() {
        assertThat(run("create").code()).isEqualTo(2);
        Run badVerb = run("create", "--actor", "a", "--allow", "fly");
        assertThat(badVerb.code()).isEqualTo(2);
        assertThat(badVerb.err()).contains("unknown verb \"fly\"").contains("usage:");
        assertThat(run().code()).isEqualTo(2);
    }

    @Test
    void datasetteStyleOptionsMapToTheSameRestrictions() {
        Run created = run(
                "create",
                "bob",
                "--expires-after",
                "600",
                "--all",
                "es",
                "--database",
                "data",
                "view-table",
                "--resource",
                "data",
                "docs",
                "insert-row",
                "--resource",
                "data",
                "docs",
                "ur");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("ds1.");
        assertThat(created.err())
                .contains("bob")
                .contains("all: read,sql")
                .contains("table docs: insert,update")
                .doesNotContain("expires never");
        Run unknown = run("create", "bob", "--all", "fly");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown action(s) fly");
        Run otherDb = run("create", "bob", "--database", "elsewhere", "vt");
        assertThat(otherDb.code()).isEqualTo(2);
        assertThat(otherDb.err()).contains("no such database elsewhere");
    }
}
