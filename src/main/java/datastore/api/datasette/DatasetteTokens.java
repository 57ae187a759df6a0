package datastore.api.datasette;

import datastore.api.Route;
import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.core.text.Tilde;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.DatasetteActions;
import datastore.services.auth.Principal;
import datastore.services.auth.Restrictions;
import datastore.services.auth.TokenService;
import datastore.services.auth.TokenSpec;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /-/create-token}: mints one of the service's own API tokens (revocable, in the token register)
 * for the caller's actor, restricted with Datasette's action names, never broader than the caller's token.
 * A JSON API ({@code POST} with {@code expires_after}, {@code restrict_all}, {@code restrict_database},
 * {@code restrict_resource}) and a plain HTML form for people ({@code GET}, and a form-encoded
 * {@code POST} that shows the new token once).
 */
final class DatasetteTokens {
    static final String PATH = "/-/create-token";
    private static final String ACTION = PATH;
    private static final Set<String> KEYS =
            Set.of("expires_after", "restrict_all", "restrict_database", "restrict_resource");
    private static final List<DatasetteActions.Action> INSTANCE_ACTIONS = List.of(DatasetteActions.Action.values());
    private static final List<DatasetteActions.Action> TABLE_ACTIONS = List.of(
            DatasetteActions.Action.VIEW_TABLE,
            DatasetteActions.Action.INSERT_ROW,
            DatasetteActions.Action.UPDATE_ROW,
            DatasetteActions.Action.DELETE_ROW,
            DatasetteActions.Action.ALTER_TABLE,
            DatasetteActions.Action.DROP_TABLE);
    private final DatasetteServices services;

    DatasetteTokens(DatasetteServices services) {
        this.services = services;
    }

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(DatasetteSurface.route(
                HandlerType.GET,
                PATH,
                "datasette_create_token_form",
                "A form for people to mint a restricted API token.",
                this::form));
        routes.add(DatasetteSurface.writeRoute(
                PATH,
                "datasette_create_token",
                "Mints an API token no broader than the caller's, restricted with Datasette's action names.",
                services.settings().maxPostBodyBytes(),
                this::create));
        return routes;
    }

    /** What a request asks for: the lifetime and the grants. */
    private record Wanted(@Nullable Duration expiresAfter, DatasetteActions.Grants grants) {}

    private TokenService tokens() {
        TokenService tokens = services.tokens();
        if (tokens == null) {
            throw DatasetteRequests.forbidden("Tokens are not available: this service does not manage its own API"
                    + " tokens (they exist in own-token mode: AUTH_ENABLED=true without CKAN_URL)");
        }
        return tokens;
    }

    private void form(Context ctx) {
        tokens();
        html(ctx, 200, page(null, List.of()));
    }

    private void create(Context ctx) {
        TokenService tokens = tokens();
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            createFromForm(ctx, tokens);
            return;
        }
        Principal caller = services.gate().require(ctx, AccessRequest.self(ACTION));
        Wanted wanted = fromJson(DatasetteRequests.body(ctx, services.limit()));
        TokenService.Issued issued = issue(tokens, caller, wanted);
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("ok", true);
        o.put("token", issued.token());
        o.put("token_id", issued.info().id());
        o.put("actor", issued.info().actor());
        Instant expires = issued.info().expiresAt();
        if (expires == null) {
            o.putNull("expires_at");
        } else {
            o.put("expires_at", expires.getEpochSecond());
        }
        if (!wanted.grants().isEmpty()) {
            o.set("_r", DatasetteActions.toR(wanted.grants()));
        }
        DatasetteSurface.json(ctx, o);
    }

    private TokenService.Issued issue(TokenService tokens, Principal caller, Wanted wanted) {
        String database = services.settings().database();
        Restrictions restrictions =
                wanted.grants().isEmpty() ? null : DatasetteActions.restrictions(wanted.grants(), database);
        return tokens.issue(
                new TokenSpec(caller.actor(), wanted.expiresAfter(), false, restrictions),
                caller.token(),
                caller.actor());
    }

    /** The JSON body, checked in Datasette's manner: 400 with every problem named. */
    private Wanted fromJson(JsonNode body) {
        if (!body.isObject()) {
            throw DatasetteRequests.badRequest("JSON must be a dictionary");
        }
        List<String> invalid = new ArrayList<>();
        for (String key : body.propertyNames()) {
            if (!KEYS.contains(key)) {
                invalid.add(key);
            }
        }
        if (!invalid.isEmpty()) {
            throw DatasetteRequests.badRequest("Invalid keys: " + String.join(", ", invalid));
        }
        List<String> problems = new ArrayList<>();
        Duration expires = null;
        JsonNode e = body.get("expires_after");
        if (e != null && !e.isNull()) {
            if (!e.isIntegralNumber() || !e.canConvertToLong() || e.asLong() <= 0) {
                problems.add("expires_after must be a positive integer");
            } else {
                expires = Duration.ofSeconds(e.asLong());
            }
        }
        DatasetteActions.Grants grants = new DatasetteActions.Grants(
                DatasetteActions.names(body.get("restrict_all"), "restrict_all", problems),
                DatasetteActions.byDatabase(body.get("restrict_database"), "restrict_database", problems),
                DatasetteActions.byResource(body.get("restrict_resource"), "restrict_resource", problems));
        if (!problems.isEmpty()) {
            throw DatasetteRequests.badRequest(problems);
        }
        check(grants);
        return new Wanted(expires, grants);
    }

    /** Unknown actions and databases other than this instance's one are refused, each named. */
    private void check(DatasetteActions.Grants grants) {
        List<String> problems = new ArrayList<>();
        List<String> unknown = DatasetteActions.unknown(grants);
        if (!unknown.isEmpty()) {
            problems.add((unknown.size() == 1 ? "Unknown action: " : "Unknown actions: ") + String.join(", ", unknown));
        }
        Set<String> databases = new LinkedHashSet<>(grants.databases().keySet());
        databases.addAll(grants.resources().keySet());
        databases.remove(services.settings().database());
        databases.forEach(db -> problems.add("Database not found: " + db));
        if (!problems.isEmpty()) {
            throw DatasetteRequests.badRequest(problems);
        }
    }

    // ---- the HTML form ----

    private void createFromForm(Context ctx, TokenService tokens) {
        Map<String, List<String>> fields;
        try {
            fields = formFields(ctx);
        } catch (ApiException e) {
            error(ctx, e);
            return;
        }
        try {
            String typed = first(fields, "token");
            Principal caller = services.gate()
                    .require(ctx, typed == null || typed.isBlank() ? null : typed, AccessRequest.self(ACTION));
            Wanted wanted = fromForm(fields);
            TokenService.Issued issued = issue(tokens, caller, wanted);
            html(ctx, 200, page(issued, List.of()));
        } catch (ApiException e) {
            error(ctx, e);
        }
    }

    /** A refused form: the form again with the messages, under the status the JSON API would give. */
    private void error(Context ctx, ApiException e) {
        if (e.code() == ErrorCode.INTERNAL) {
            throw e;
        }
        int status = DatasetteErrorWriter.status(e.code());
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        html(ctx, status, page(null, DatasetteErrorWriter.messages(e)));
    }

    /**
     * Datasette's form fields ({@code expire_type} + {@code expire_duration}, {@code all:<action>},
     * {@code database:<db>:<action>}, {@code resource:<db>:<table>:<action>}, tilde-encoded names), plus
     * this form's {@code table} with {@code table:<action>} for one table typed by name.
     */
    private Wanted fromForm(Map<String, List<String>> fields) {
        List<String> problems = new ArrayList<>();
        Duration expires = null;
        String type = first(fields, "expire_type");
        String duration = first(fields, "expire_duration");
        if (type != null && !type.isBlank()) {
            long n = -1;
            try {
                n = Long.parseLong(duration == null ? "" : duration.strip());
            } catch (NumberFormatException ignored) {
                // reported below
            }
            if (n <= 0) {
                problems.add("expire_duration must be a positive integer");
            } else {
                switch (type) {
                    case "minutes" -> expires = Duration.ofMinutes(n);
                    case "hours" -> expires = Duration.ofHours(n);
                    case "days" -> expires = Duration.ofDays(n);
                    default -> problems.add("expire_type must be minutes, hours or days");
                }
            }
        }
        List<String> all = new ArrayList<>();
        Map<String, List<String>> databases = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> resources = new LinkedHashMap<>();
        String table = first(fields, "table");
        for (String key : fields.keySet()) {
            String[] parts = key.split(":", -1);
            switch (parts[0]) {
                case "all" -> {
                    if (parts.length == 2) {
                        all.add(parts[1]);
                    }
                }
                case "database" -> {
                    if (parts.length == 3) {
                        databases
                                .computeIfAbsent(Tilde.decode(parts[1]), k -> new ArrayList<>())
                                .add(parts[2]);
                    }
                }
                case "resource" -> {
                    if (parts.length == 4) {
                        resources
                                .computeIfAbsent(Tilde.decode(parts[1]), k -> new LinkedHashMap<>())
                                .computeIfAbsent(Tilde.decode(parts[2]), k -> new ArrayList<>())
                                .add(parts[3]);
                    }
                }
                case "table" -> {
                    if (parts.length == 2) {
                        if (table == null || table.isBlank()) {
                            problems.add("Name the table for the table actions");
                        } else {
                            resources
                                    .computeIfAbsent(services.settings().database(), k -> new LinkedHashMap<>())
                                    .computeIfAbsent(table.strip(), k -> new ArrayList<>())
                                    .add(parts[1]);
                        }
                    }
                }
                default -> {}
            }
        }
        if (!problems.isEmpty()) {
            throw DatasetteRequests.badRequest(problems);
        }
        DatasetteActions.Grants grants = new DatasetteActions.Grants(all, databases, resources);
        check(grants);
        return new Wanted(expires, grants);
    }

    private Map<String, List<String>> formFields(Context ctx) {
        byte[] body = DatasetteRequests.bytes(ctx, services.limit(), "Could not read the form");
        Map<String, List<String>> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                throw DatasetteRequests.badRequest("The form is not correctly encoded");
            }
        }
        return out;
    }

    private static @Nullable String first(Map<String, List<String>> fields, String key) {
        List<String> v = fields.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static void html(Context ctx, int status, String page) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        ctx.contentType("text/html;charset=utf-8");
        ctx.result(page);
    }

    private String page(TokenService.@Nullable Issued issued, List<String> errors) {
        String db = services.settings().database();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Create an API token</title>")
                .append("<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}")
                .append("fieldset{margin:1em 0}label{display:inline-block;margin:.2em .8em .2em 0}")
                .append("textarea{width:100%;font-family:monospace}.error{color:#a00}</style></head><body>\n")
                .append("<h1>Create an API token</h1>\n");
        for (String e : errors) {
            h.append("<p class=\"error\">").append(escape(e)).append("</p>\n");
        }
        if (issued != null) {
            Instant expires = issued.info().expiresAt();
            Restrictions r = issued.info().restrictions();
            h.append("<p>Your new token (shown only this once; copy it now):</p>\n")
                    .append("<textarea readonly rows=\"3\" aria-label=\"token\">")
                    .append(escape(issued.token()))
                    .append("</textarea>\n<p>Token ")
                    .append(escape(issued.info().id()))
                    .append(" for ")
                    .append(escape(issued.info().actor()))
                    .append(", expires ")
                    .append(escape(expires == null ? "never" : expires.toString()))
                    .append(", may ")
                    .append(escape(r == null ? "do anything its actor may" : r.describe()))
                    .append(".</p>\n<p>Use it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>\n");
        }
        h.append("<form method=\"post\" action=\"")
                .append(PATH)
                .append("\">\n")
                .append("<p><label>Your current API token (not needed when your client sends it)")
                .append("<br><input type=\"password\" name=\"token\" autocomplete=\"off\" size=\"60\"></label></p>\n")
                .append("<p><label>Expires after <input type=\"number\" name=\"expire_duration\" min=\"1\"></label>")
                .append("<label><select name=\"expire_type\"><option value=\"\">never</option>")
                .append("<option value=\"minutes\">minutes</option><option value=\"hours\">hours</option>")
                .append("<option value=\"days\">days</option></select></label></p>\n")
                .append("<p>Tick nothing for a token that may do whatever yours may; otherwise the token may do")
                .append(" only what is ticked.</p>\n")
                .append("<fieldset><legend>Everywhere</legend>\n");
        checkboxes(h, "all:", INSTANCE_ACTIONS);
        h.append("</fieldset>\n<fieldset><legend>In database ")
                .append(escape(db))
                .append(" (every table)</legend>\n");
        checkboxes(h, "database:" + escape(Tilde.encode(db)) + ":", INSTANCE_ACTIONS);
        h.append("</fieldset>\n<fieldset><legend>On one table</legend>\n")
                .append("<p><label>Table <input type=\"text\" name=\"table\" size=\"40\"></label></p>\n");
        checkboxes(h, "table:", TABLE_ACTIONS);
        h.append("</fieldset>\n<p><button type=\"submit\">Create token</button></p>\n</form>\n</body></html>\n");
        return h.toString();
    }

    private static void checkboxes(StringBuilder h, String prefix, List<DatasetteActions.Action> actions) {
        for (DatasetteActions.Action a : actions) {
            h.append("<label><input type=\"checkbox\" name=\"")
                    .append(prefix)
                    .append(a.fullName())
                    .append("\"> ")
                    .append(a.fullName())
                    .append("</label>\n");
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
