package datastore.api.middleware;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces {@code MAX_REQUEST_BODY_MB} while the body is read, so a chunked body cannot slip past a
 * Content-Length check and nothing is buffered beyond the limit. A refused body gets a 413 the client
 * can read: the connection is closed after the answer, and a modest excess is drained first so a client
 * still sending does not see a reset instead of the answer.
 */
public final class BodyLimit {
    /** How much of a refused body is read and thrown away so that the client gets to read the 413. */
    private static final long DRAIN_BYTES = 16L * 1024 * 1024;

    private final long maxBytes;

    public BodyLimit(int maxMb) {
        this.maxBytes = maxMb * 1024L * 1024L;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Rejects a declared length over the limit before reading anything. */
    public void checkDeclared(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            if (ctx.header("Expect") == null && declared <= maxBytes + DRAIN_BYTES) {
                drain(ctx);
            }
            throw tooLarge(ctx);
        }
    }

    /** The whole body, read through {@link #wrap}: over the limit is the readable 413. */
    public byte[] readAll(Context ctx) throws IOException {
        try (InputStream in = wrap(ctx, ctx.req().getInputStream())) {
            return in.readAllBytes();
        }
    }

    public InputStream wrap(Context ctx, InputStream in) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++count > maxBytes) {
                    throw overflow();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && (count += n) > maxBytes) {
                    throw overflow();
                }
                return n;
            }

            private ApiException overflow() throws IOException {
                long skipped = 0;
                byte[] sink = new byte[8192];
                int n;
                while (skipped < DRAIN_BYTES && (n = in.read(sink)) > 0) {
                    skipped += n;
                }
                return tooLarge(ctx);
            }
        };
    }

    private static void drain(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] sink = new byte[8192];
            long total = 0;
            int n;
            while (total < DRAIN_BYTES && (n = in.read(sink)) > 0) {
                total += n;
            }
        } catch (IOException e) {
            // The client went away; the 413 is still the answer if anyone is left to read it.
        }
    }

    private ApiException tooLarge(Context ctx) {
        ctx.header("Connection", "close");
        return ApiException.of(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body is larger than the limit of " + (maxBytes / (1024 * 1024))
                        + " MB (MAX_REQUEST_BODY_MB); send fewer records per request");
    }
}
