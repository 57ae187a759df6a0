package datastore.services.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Datasette's dstok_ tokens (itsdangerous URLSafeSerializer, salt "token"), against the reference's vector. */
class DatasetteSignedTokensTest {
    private static final String EXAMPLE = "eyJhIjoicm9vdCIsInQiOjE2NzA5MDcyNDZ9.j3wzyrhRA0MQvkNfmFo6jRz_ppI";
    private static final DatasetteSignedTokens CODEC = new DatasetteSignedTokens("secret");
    private static final Instant CREATED = Instant.ofEpochSecond(1670907246);

    private static ObjectNode payload() {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("a", "root");
        o.put("t", 1670907246);
        return o;
    }

    private static void assertInvalid(Runnable r, String reason) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
            assertThat(e.fieldErrors().get(ApiException.TOKEN_FIELD)).containsExactly(reason);
        });
    }

    @Test
    void signsTheReferenceExampleExactlyAsItsdangerousDoes() {
        assertThat(CODEC.dumps(payload())).isEqualTo(EXAMPLE);
        assertThat(CODEC.sign(payload())).isEqualTo("dstok_" + EXAMPLE);
    }

    @Test
    void verifiesTheReferenceExample() {
        DatasetteSignedTokens.Verified v = CODEC.verify("dstok_" + EXAMPLE, CREATED.plusSeconds(10), Duration.ZERO);
        assertThat(v.actor()).isEqualTo("root");
        assertThat(v.createdAt()).isEqualTo(CREATED);
        assertThat(v.expiresAt()).isNull();
        assertThat(v.restrictions()).isNull();
    }

    @Test
    void aWrongSecretOrATamperedPayloadIsAnInvalidSignature() {
        assertInvalid(
                () -> new DatasetteSignedTokens("other").verify("dstok_" + EXAMPLE, CREATED, Duration.ZERO),
                "Invalid token signature");
        String tampered = "dstok_" + EXAMPLE.replace("eyJhIjoicm9vdC", "eyJhIjoicm9vdD");
        assertInvalid(() -> CODEC.verify(tampered, CREATED, Duration.ZERO), "Invalid token signature");
        assertInvalid(() -> CODEC.verify("dstok_nodot", CREATED, Duration.ZERO), "Invalid token signature");
    }

    @Test
    void expiresAtCreationPlusDurationAndTheTtlCapsIt() {
        ObjectNode p = payload();
        p.put("d", 3600);
        String token = CODEC.sign(p);
        assertThat(CODEC.verify(token, CREATED.plusSeconds(3599), Duration.ZERO).expiresAt())
                .isEqualTo(CREATED.plusSeconds(3600));
        assertInvalid(() -> CODEC.verify(token, CREATED.plusSeconds(3600), Duration.ZERO), "Token has expired");
        assertInvalid(() -> CODEC.verify(token, CREATED.plusSeconds(61), Duration.ofSeconds(60)), "Token has expired");
        assertInvalid(
                () -> CODEC.verify("dstok_" + EXAMPLE, CREATED.plusSeconds(61), Duration.ofSeconds(60)),
                "Token has expired");
    }

    @Test
    void timestampAndDurationMustBeIntegers() {
        ObjectNode noT = JsonMappers.standard().createObjectNode().put("a", "root");
        assertInvalid(() -> CODEC.verify(CODEC.sign(noT), CREATED, Duration.ZERO), "Invalid token: no timestamp");
        ObjectNode badT = payload().put("t", "soon");
        assertInvalid(() -> CODEC.verify(CODEC.sign(badT), CREATED, Duration.ZERO), "Invalid token: invalid timestamp");
        ObjectNode badD = payload().put("d", 1.5);
        assertInvalid(() -> CODEC.verify(CODEC.sign(badD), CREATED, Duration.ZERO), "Invalid token: invalid duration");
    }

    @Test
    void longPayloadsAreCompressedAndStillVerify() {
        ObjectNode p = payload();
        ObjectNode r = p.putObject("_r");
        var a = r.putArray("a");
        for (int i = 0; i < 50; i++) {
            a.add("vt");
        }
        String token = CODEC.sign(p);
        assertThat(token).startsWith("dstok_.");
        DatasetteSignedTokens.Verified v = CODEC.verify(token, CREATED, Duration.ZERO);
        assertThat(v.restrictions()).isNotNull();
        assertThat(v.restrictions().get("a").size()).isEqualTo(50);
    }
}
