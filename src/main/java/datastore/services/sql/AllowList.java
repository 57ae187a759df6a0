package datastore.services.sql;

import datastore.core.config.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads CKAN's allowed_functions.txt format. */
public final class AllowList {
    /** The bundled DuckDB allow-list, used unless SQL_FUNCTIONS_ALLOW_FILE names another file. */
    public static final String DEFAULT_RESOURCE = "datastore/infrastructure/engines/duckdb/allowed_functions.txt";

    private AllowList() {}

    /**
     * One function name a line: unquoted names are lower-cased (matched case-insensitively),
     * {@code "Quoted"} names are kept exactly (case-sensitive). Blank lines and lines starting with
     * {@code #} are skipped. The reader is not closed.
     */
    public static Set<String> parse(Reader reader) {
        Objects.requireNonNull(reader, "reader is null");
        Set<String> names = new LinkedHashSet<>();
        BufferedReader lines = new BufferedReader(reader);
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    names.add(name.substring(1, name.length() - 1).replace("\"\"", "\""));
                } else {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SQL function allow-list", e);
        }
        return Collections.unmodifiableSet(names);
    }

    /** The override file when given, else the classpath resource; either missing is a start-up {@link ConfigException}. */
    public static Set<String> load(@Nullable Path overrideFile, String classpathResource) {
        Objects.requireNonNull(classpathResource, "classpathResource is null");
        if (overrideFile != null) {
            Path file = overrideFile;
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return parse(reader);
            } catch (IOException | UncheckedIOException e) {
                throw new ConfigException(
                        List.of("SQL_FUNCTIONS_ALLOW_FILE cannot be read: " + file + " (" + e.getMessage() + ")"));
            }
        }
        String resource = classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
        InputStream in = AllowList.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new ConfigException(
                    List.of("SQL function allow-list resource not found on the classpath: " + resource));
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException(List.of("SQL function allow-list resource cannot be read: " + resource));
        }
    }
}
