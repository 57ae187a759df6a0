package datastore.api.middleware;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces {@code MAX_REQUEST_BODY_MB} while the body is read, so a chunked body cannot slip past a
 * Content-Length check and nothing is buffered beyond the limit.
 */
public final class BodyLimit {
    private final long maxBytes;

    public BodyLimit(int maxMb) {
        this.maxBytes = maxMb * 1024L * 1024L;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Rejects a declared length over the limit before reading anything. */
    public void checkDeclared(long contentLength) {
        if (contentLength > maxBytes) {
            throw tooLarge();
        }
    }

    public InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++count > maxBytes) {
                    throw tooLarge();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && (count += n) > maxBytes) {
                    throw tooLarge();
                }
                return n;
            }
        };
    }

    private ApiException tooLarge() {
        return ApiException.of(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body is larger than the limit of " + (maxBytes / (1024 * 1024)) + " MB (MAX_REQUEST_BODY_MB)");
    }
}
