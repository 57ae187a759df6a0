package datastore.services.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads CKAN's {@code allowed_functions.txt} format: one name a line, unquoted names matched in any
 * case, {@code "Quoted"} ones as written; {@code #} comments and blank lines are skipped.
 */
public final class AllowList {
    private AllowList() {}

    public static Set<String> parse(Reader reader) {
        Set<String> out = new HashSet<>();
        try (BufferedReader r = new BufferedReader(reader)) {
            for (String line; (line = r.readLine()) != null; ) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
                    out.add(name.substring(1, name.length() - 1));
                } else {
                    out.add(name.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function allow-list", e);
        }
        return Set.copyOf(out);
    }

    /** The override file when given, else the engine's bundled class-path list. */
    public static Set<String> load(Optional<Path> overrideFile, String classpathResource) {
        try {
            if (overrideFile.isPresent()) {
                try (Reader r = Files.newBufferedReader(overrideFile.get(), StandardCharsets.UTF_8)) {
                    return parse(r);
                }
            }
            InputStream in = AllowList.class.getClassLoader().getResourceAsStream(classpathResource);
            if (in == null) {
                throw new IllegalStateException("missing function allow-list " + classpathResource);
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function allow-list", e);
        }
    }
}
