package datastore.api.ckan;

import datastore.core.json.JsonMappers;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** Writes CKAN's success envelopes, straight to the response and wrapped for JSONP when asked. */
public final class CkanResponses {
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,99}");

    private CkanResponses() {}

    /** The site root as the caller reached it. */
    public static String site(Context ctx) {
        return CkanErrorWriter.site(ctx);
    }

    /** The {@code help} link of an envelope for {@code action}: CKAN's {@code help_show}, which answers. */
    public static String help(Context ctx, String action) {
        return CkanEnvelopes.helpUrl(CkanErrorWriter.site(ctx), action);
    }

    public static void ok(Context ctx, String help, JsonNode result) {
        stream(ctx, g -> {
            JsonMappers.standard().writeTree(g, CkanEnvelopes.success(help, result));
            g.flush();
        });
    }

    /** Writes a 200 JSON body straight to the response, wrapped as {@code cb(…);} for JSONP. */
    public static void stream(Context ctx, Consumer<JsonGenerator> body) {
        String callback = ctx.method().name().equals("GET") ? ctx.queryParam("callback") : null;
        boolean jsonp = callback != null && CALLBACK.matcher(callback).matches();
        ctx.status(200);
        ctx.contentType(jsonp ? "application/javascript;charset=utf-8" : "application/json;charset=utf-8");
        try {
            OutputStream out = ctx.outputStream();
            if (jsonp) {
                out.write((callback + "(").getBytes(StandardCharsets.UTF_8));
            }
            try (JsonGenerator g = JsonMappers.standard().createGenerator(new NonClosing(out))) {
                body.accept(g);
            }
            if (jsonp) {
                out.write(");".getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets the generator close without closing the response stream underneath it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
