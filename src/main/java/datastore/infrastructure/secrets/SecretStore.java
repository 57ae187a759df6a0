package datastore.infrastructure.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/** Small secret files under {@code DATA_DIR}, created once and readable by their owner only. */
public final class SecretStore {
    private final Path dir;

    public SecretStore(Path dir) {
        this.dir = dir;
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    public Optional<String> read(String name) {
        Path p = path(name);
        try {
            return Files.exists(p)
                    ? Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** The file's content, creating it from {@code initial} (owner read/write only) when absent. */
    public Created readOrCreate(String name, Supplier<String> initial) {
        Optional<String> existing = read(name);
        if (existing.isPresent()) {
            return new Created(existing.get(), false);
        }
        String value = initial.get();
        Path p = path(name);
        try {
            Files.createDirectories(dir);
            try {
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(p);
            }
            Files.writeString(p, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return new Created(value, true);
        } catch (FileAlreadyExistsException e) {
            return new Created(read(name).orElseThrow(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }

    /** A secret's value and whether this call created it. */
    public record Created(String value, boolean created) {}
}
