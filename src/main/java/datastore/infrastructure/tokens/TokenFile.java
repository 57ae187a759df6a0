package datastore.infrastructure.tokens;

import datastore.core.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The token register, {@code DATA_DIR/tokens.json}: one entry per issued token id. Every change is a
 * read-modify-write under a file lock, written to a temporary file and moved into place, so the CLI and
 * a running server can both change it; reads are re-parsed only when the file changed.
 */
public final class TokenFile {
    private static final JsonMapper JSON = JsonMappers.standard();
    private final Path file;
    private final Path lock;
    private Snapshot snapshot = new Snapshot(null, -1, Map.of());

    private record Snapshot(@Nullable FileTime modified, long size, Map<String, StoredToken> tokens) {}

    public TokenFile(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir is null");
        this.file = dataDir.resolve("tokens.json");
        this.lock = dataDir.resolve("tokens.lock");
    }

    public Path path() {
        return file;
    }

    public synchronized Optional<StoredToken> find(String id) {
        return Optional.ofNullable(current().get(id));
    }

    /** Every recorded token, oldest first. */
    public synchronized List<StoredToken> all() {
        return List.copyOf(current().values());
    }

    public void add(StoredToken token) {
        change(tokens -> {
            if (tokens.containsKey(token.id())) {
                throw new IllegalStateException("token id " + token.id() + " is already recorded");
            }
            tokens.put(token.id(), token);
            return tokens;
        });
    }

    /** Marks the token revoked at {@code at}; false when no such token is recorded. */
    public boolean revoke(String id, long at) {
        boolean[] found = {false};
        change(tokens -> {
            StoredToken t = tokens.get(id);
            if (t != null) {
                found[0] = true;
                if (t.revokedAt() == 0) {
                    tokens.put(id, t.withRevokedAt(at));
                }
            }
            return tokens;
        });
        return found[0];
    }

    /** Records last-used times (epoch seconds) for several tokens in one write. */
    public void touch(Map<String, Long> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        change(tokens -> {
            lastUsed.forEach((id, at) -> {
                StoredToken t = tokens.get(id);
                if (t != null && at > t.lastUsedAt()) {
                    tokens.put(id, t.withLastUsedAt(at));
                }
            });
            return tokens;
        });
    }

    private synchronized void change(UnaryOperator<Map<String, StoredToken>> edit) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Map<String, StoredToken> tokens = new LinkedHashMap<>(read());
                write(edit.apply(tokens));
                snapshot = new Snapshot(null, -1, Map.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }

    private Map<String, StoredToken> current() {
        try {
            if (!Files.exists(file)) {
                return Map.of();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!modified.equals(snapshot.modified()) || size != snapshot.size()) {
                snapshot = new Snapshot(modified, size, read());
            }
            return snapshot.tokens();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Map<String, StoredToken> read() throws IOException {
        Map<String, StoredToken> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode root = JSON.readTree(Files.readString(file));
        for (JsonNode t : root.path("tokens")) {
            StoredToken token = new StoredToken(
                    t.path("id").asString(),
                    t.path("actor").asString(),
                    t.path("created_at").asLong(0),
                    t.path("expires_at").asLong(0),
                    t.path("admin").asBoolean(false),
                    t.get("restrictions"),
                    t.path("created_by").asString(""),
                    t.path("revoked_at").asLong(0),
                    t.path("last_used_at").asLong(0));
            out.put(token.id(), token);
        }
        return out;
    }

    private void write(Map<String, StoredToken> tokens) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode list = root.putArray("tokens");
        for (StoredToken t : tokens.values()) {
            ObjectNode o = list.addObject();
            o.put("id", t.id());
            o.put("actor", t.actor());
            o.put("created_at", t.createdAt());
            o.put("expires_at", t.expiresAt());
            o.put("admin", t.admin());
            o.set("restrictions", t.restrictions());
            o.put("created_by", t.createdBy());
            o.put("revoked_at", t.revokedAt());
            o.put("last_used_at", t.lastUsedAt());
        }
        Path tmp = file.resolveSibling("tokens.json.tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
