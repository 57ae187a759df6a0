package datastore.api.datasette;

import datastore.core.text.Tilde;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Datasette's {@code _next} token: the last row's primary-key path (each value tilde-encoded, joined
 * with commas), preceded with a sort by the tilde-encoded sort value or {@code $null}.
 */
final class DatasetteKeyset {
    static final String NULL = "$null";

    private DatasetteKeyset() {}

    /** The token for a row whose sort value (when sorted) and key values are given as exact text. */
    static String encode(boolean sorted, @Nullable String sortValue, List<@Nullable String> keys) {
        StringBuilder sb = new StringBuilder();
        if (sorted) {
            sb.append(sortValue == null ? NULL : Tilde.encode(sortValue)).append(',');
        }
        sb.append(path(keys));
        return sb.toString();
    }

    /** A row's primary-key path: each value tilde-encoded, comma-joined. */
    static String path(List<@Nullable String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            parts.add(Tilde.encode(k == null ? "" : k));
        }
        return String.join(",", parts);
    }

    /**
     * The values a token holds: the sort value first when sorted (null for {@code $null}), then one per
     * key; 400 when the token does not have that many parts.
     */
    static List<@Nullable String> decode(String token, boolean sorted, int keyCount) {
        String[] parts = token.split(",", -1);
        if (parts.length != keyCount + (sorted ? 1 : 0)) {
            throw DatasetteRequests.badRequest("Invalid _next token: " + token);
        }
        List<@Nullable String> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            out.add(sorted && i == 0 && parts[i].equals(NULL) ? null : Tilde.decode(parts[i]));
        }
        return out;
    }
}
