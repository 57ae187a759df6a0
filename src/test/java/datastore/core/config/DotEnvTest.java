package datastore.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
    @TempDir
    Path dir;

    @Test
    void fileFillsInWhatTheEnvironmentDoesNotSet() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(
                file,
                "# settings\nPORT=9090\nexport HOST=0.0.0.0\nAPP_MESSAGE=\"hello # world\"\nLOG_LEVEL=debug # loud\n");
        Map<String, String> env = DotEnv.withEnvironment(file, Map.of("PORT", "7070"));
        assertThat(env)
                .containsEntry("PORT", "7070")
                .containsEntry("HOST", "0.0.0.0")
                .containsEntry("APP_MESSAGE", "hello # world")
                .containsEntry("LOG_LEVEL", "debug");
    }

    @Test
    void noFileMeansTheEnvironmentAsIs() {
        assertThat(DotEnv.withEnvironment(dir.resolve("missing.env"), Map.of("A", "1")))
                .isEqualTo(Map.of("A", "1"));
    }

    @Test
    void malformedLinesAreSkipped() {
        assertThat(DotEnv.parse(List.of("=x", "no equals", "1BAD=y", "GOOD='single quoted'")))
                .isEqualTo(Map.of("GOOD", "single quoted"));
    }
}
