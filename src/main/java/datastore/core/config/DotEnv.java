package datastore.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file ({@code KEY=value} lines, {@code #} comments, optional {@code export} and
 * quotes) under the real environment: a variable set in the environment wins over the file.
 */
public final class DotEnv {
    private DotEnv() {}

    /** The environment with {@code file}'s variables added where the environment has none; as is without a file. */
    public static Map<String, String> withEnvironment(Path file, Map<String, String> env) {
        if (!Files.isRegularFile(file)) {
            return env;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> merged = new LinkedHashMap<>(parse(lines));
        merged.putAll(env);
        return merged;
    }

    /** The variables a {@code .env} file sets, in file order; malformed lines are skipped. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            out.put(key, value(line.substring(eq + 1).strip()));
        }
        return out;
    }

    private static String value(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.endsWith(String.valueOf(v.charAt(0)))) {
            String inner = v.substring(1, v.length() - 1);
            return v.charAt(0) == '"' ? inner.replace("\\n", "\n").replace("\\\"", "\"") : inner;
        }
        int comment = v.indexOf(" #");
        return (comment >= 0 ? v.substring(0, comment) : v).strip();
    }
}
