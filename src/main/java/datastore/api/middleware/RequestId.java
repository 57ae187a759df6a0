package datastore.api.middleware;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id: the caller's {@code X-Request-Id} when it is sane, else a new one. */
public final class RequestId {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {}

    public static String from(String header) {
        if (header != null && SANE.matcher(header).matches()) {
            return header;
        }
        return UUID.randomUUID().toString();
    }
}
