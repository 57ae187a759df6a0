package datastore.api.middleware;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** Gives every request an id: the caller's {@code X-Request-Id} when it is sane, else a new one. */
public final class RequestId {
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {}

    public static String from(@Nullable String header) {
        if (header != null && SANE.matcher(header).matches()) {
            return header;
        }
        return UUID.randomUUID().toString();
    }

    /** Before every request: echo the id and put it in the log context. */
    public static void before(Context ctx) {
        String id = from(ctx.header(HEADER));
        ctx.header(HEADER, id);
        MDC.put("requestId", id);
    }

    /** After every request. */
    public static void after(Context ctx) {
        MDC.remove("requestId");
    }
}
