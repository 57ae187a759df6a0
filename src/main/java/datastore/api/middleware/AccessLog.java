package datastore.api.middleware;

import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One JSON log line per request: method, path, operation, status, duration in ms, and the error of a 4xx/5xx. */
public final class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("datastore.access");

    private AccessLog() {}

    public static void log(Context ctx, @Nullable String operation, long nanos, @Nullable String error) {
        var line = ACCESS.atInfo()
                .addKeyValue("method", ctx.method().name())
                .addKeyValue("path", ctx.path())
                .addKeyValue("operation", operation)
                .addKeyValue("status", ctx.statusCode())
                .addKeyValue("ms", Math.round(nanos / 10_000.0) / 100.0);
        if (ctx.statusCode() >= 400 && error != null) {
            line = line.addKeyValue("error", error.length() > 500 ? error.substring(0, 500) + "…" : error);
        }
        line.log("request");
    }
}
