package datastore;

import datastore.core.config.AppConfig;
import datastore.core.config.ConfigException;
import datastore.core.errors.ApiException;
import datastore.services.auth.DatasetteActions;
import datastore.services.auth.Lifetimes;
import datastore.services.auth.Restrictions;
import datastore.services.auth.TokenInfo;
import datastore.services.auth.TokenService;
import datastore.services.auth.TokenSpec;
import datastore.services.auth.Verb;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code datastore token create|list|revoke}: manages the own-token register in {@code DATA_DIR} (same
 * settings as the server). A running server sees a revocation made here within a few seconds.
 */
final class TokenCli {
    static final String USAGE = """
            usage: java -jar datastore.jar token create --actor NAME [--expires-in 30d] [--admin]
                                                        [--allow VERBS] [--allow-resource ID=VERBS]...
                                                        [--allow-table NAME=VERBS]...
                                                        [--expires-after SECONDS] [--all ACTION]...
                                                        [--database DB ACTION]...
                                                        [--resource DB TABLE ACTION]...
                   java -jar datastore.jar token list
                   java -jar datastore.jar token revoke TOKEN_ID
            VERBS is a comma-separated list of: %s. Any --allow* option makes a restricted token that
            may do only what is listed; --expires-in takes seconds or a number with s, m, h or d.
            --all, --database and --resource are Datasette's create-token options: ACTION is a Datasette
            action or its abbreviation (%s); DB is the Datasette database (DATASETTE_DATABASE), where
            an action means every table. The actor may also be given bare, as in datasette create-token ACTOR.
            """.formatted(Verb.names(), datasetteActions());

    private static String datasetteActions() {
        return String.join(
                ", ",
                java.util.Arrays.stream(DatasetteActions.Action.values())
                        .map(a -> a.fullName() + "/" + a.abbr())
                        .toList());
    }

    private TokenCli() {}

    /** Runs the subcommand after {@code token}; returns the process exit code. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        AppConfig config;
        try {
            config = AppConfig.from(env);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (TokenService tokens = AuthWiring.tokenService(config)) {
            return switch (args.get(0)) {
                case "create" -> create(args.subList(1, args.size()), tokens, config.datasetteDatabase(), out, err);
                case "list" -> list(tokens, out);
                case "revoke" -> revoke(args.subList(1, args.size()), tokens, out, err);
                default -> {
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (ApiException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int create(
            List<String> args, TokenService tokens, String database, PrintStream out, PrintStream err) {
        String actor = null;
        Duration expiresIn = null;
        boolean admin = false;
        boolean restricted = false;
        Set<Verb> all = EnumSet.noneOf(Verb.class);
        Map<String, Set<Verb>> resources = new LinkedHashMap<>();
        Map<String, Set<Verb>> tables = new LinkedHashMap<>();
        List<String> dsAll = new ArrayList<>();
        Map<String, List<String>> dsDatabases = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> dsResources = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--admin" -> admin = true;
                case "--actor" -> actor = value(args, ++i, a);
                case "--expires-in" -> {
                    String v = value(args, ++i, a);
                    expiresIn = Lifetimes.parse(v)
                            .orElseThrow(() -> new IllegalArgumentException("--expires-in: not a lifetime: " + v));
                }
                case "--allow" -> {
                    restricted = true;
                    all.addAll(verbs(value(args, ++i, a)));
                }
                case "--allow-resource", "--allow-table" -> {
                    restricted = true;
                    String v = value(args, ++i, a);
                    int eq = v.lastIndexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(a + " takes NAME=VERBS (got " + v + ")");
                    }
                    (a.equals("--allow-table") ? tables : resources)
                            .computeIfAbsent(v.substring(0, eq), k -> EnumSet.noneOf(Verb.class))
                            .addAll(verbs(v.substring(eq + 1)));
                }
                case "--expires-after" -> {
                    String v = value(args, ++i, a);
                    if (!v.matches("[1-9][0-9]{0,9}")) {
                        throw new IllegalArgumentException("--expires-after takes a positive number of seconds");
                    }
                    expiresIn = Duration.ofSeconds(Long.parseLong(v));
                }
                case "--all" -> {
                    restricted = true;
                    dsAll.add(value(args, ++i, a));
                }
                case "--database" -> {
                    restricted = true;
                    String db = value(args, ++i, a);
                    dsDatabases.computeIfAbsent(db, k -> new ArrayList<>()).add(value(args, ++i, a));
                }
                case "--resource" -> {
                    restricted = true;
                    String db = value(args, ++i, a);
                    String table = value(args, ++i, a);
                    dsResources
                            .computeIfAbsent(db, k -> new LinkedHashMap<>())
                            .computeIfAbsent(table, k -> new ArrayList<>())
                            .add(value(args, ++i, a));
                }
                default -> {
                    if (a.startsWith("-") || actor != null) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    actor = a;
                }
            }
        }
        DatasetteActions.Grants grants = new DatasetteActions.Grants(dsAll, dsDatabases, dsResources);
        if (!grants.isEmpty()) {
            List<String> unknown = DatasetteActions.unknown(grants);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        "unknown action(s) " + String.join(", ", unknown) + " (use " + datasetteActions() + ")");
            }
            Set<String> databases = new LinkedHashSet<>(dsDatabases.keySet());
            databases.addAll(dsResources.keySet());
            databases.remove(database);
            if (!databases.isEmpty()) {
                throw new IllegalArgumentException("no such database " + String.join(", ", databases)
                        + ": the Datasette database is " + database + " (DATASETTE_DATABASE)");
            }
            Restrictions mapped = DatasetteActions.restrictions(grants, database);
            all.addAll(mapped.all());
            mapped.tables().forEach((t, v) -> tables.computeIfAbsent(t, k -> EnumSet.noneOf(Verb.class))
                    .addAll(v));
        }
        if (actor == null) {
            throw new IllegalArgumentException("--actor is required");
        }
        Restrictions restrictions = restricted ? new Restrictions(all, resources, tables) : null;
        TokenService.Issued issued = tokens.issue(new TokenSpec(actor, expiresIn, admin, restrictions), null, "cli");
        out.println(issued.token());
        err.println("token " + issued.info().id() + " for " + issued.info().actor() + ", expires "
                + orNever(issued.info().expiresAt()) + ", may "
                + (restrictions == null ? "do anything its actor may" : restrictions.describe())
                + (admin ? ", manages tokens" : ""));
        return 0;
    }

    private static int list(TokenService tokens, PrintStream out) {
        out.printf("%-16s  %-8s  %-20s  %-20s  %-20s  %s%n", "ID", "STATUS", "ACTOR", "EXPIRES", "LAST USED", "MAY");
        for (TokenInfo t : tokens.list()) {
            out.printf(
                    "%-16s  %-8s  %-20s  %-20s  %-20s  %s%n",
                    t.id(),
                    t.status().label(),
                    t.actor(),
                    orNever(t.expiresAt()),
                    orNever(t.lastUsedAt()),
                    (t.admin() ? "admin; " : "") + describe(t.restrictions()));
        }
        return 0;
    }

    private static String orNever(@Nullable Instant instant) {
        return instant == null ? "never" : instant.toString();
    }

    private static String describe(@Nullable Restrictions restrictions) {
        return restrictions == null ? "anything" : restrictions.describe();
    }

    private static int revoke(List<String> args, TokenService tokens, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("revoke takes one token id");
        }
        if (!tokens.revoke(args.get(0))) {
            err.println("no token with id " + args.get(0));
            return 1;
        }
        out.println("revoked " + args.get(0));
        return 0;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static Set<Verb> verbs(String list) {
        Set<Verb> out = EnumSet.noneOf(Verb.class);
        for (String v : list.split(",")) {
            out.add(Verb.parse(v)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown verb \"" + v.strip() + "\" (use " + Verb.names() + ")")));
        }
        return out;
    }
}
