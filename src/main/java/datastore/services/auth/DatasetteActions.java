package datastore.services.auth;

import datastore.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Datasette's action names (and their stable abbreviations) on the token restriction model. Reading is one
 * right here: {@code view-instance}, {@code view-database} and {@code view-table} all grant {@link Verb#READ}
 * at the scope they are given. {@code alter-table} is what {@code datastore_create} on an existing table
 * needs, {@link Verb#CREATE} on that table. The one Datasette database holds every table, so an action
 * granted on it is granted everywhere; an action on a {@code (database, table)} pair is granted on that
 * table as requests name it.
 */
public final class DatasetteActions {

    /** One Datasette action the restriction model can express. */
    public enum Action {
        VIEW_INSTANCE("view-instance", "vi", Verb.READ),
        VIEW_DATABASE("view-database", "vd", Verb.READ),
        VIEW_TABLE("view-table", "vt", Verb.READ),
        INSERT_ROW("insert-row", "ir", Verb.INSERT),
        UPDATE_ROW("update-row", "ur", Verb.UPDATE),
        DELETE_ROW("delete-row", "dr", Verb.DELETE),
        CREATE_TABLE("create-table", "ct", Verb.CREATE),
        DROP_TABLE("drop-table", "dt", Verb.DROP),
        ALTER_TABLE("alter-table", "at", Verb.CREATE),
        EXECUTE_SQL("execute-sql", "es", Verb.SQL);

        private final String fullName;
        private final String abbr;
        private final Verb verb;

        Action(String fullName, String abbr, Verb verb) {
            this.fullName = fullName;
            this.abbr = abbr;
            this.verb = verb;
        }

        public String fullName() {
            return fullName;
        }

        public String abbr() {
            return abbr;
        }

        public Verb verb() {
            return verb;
        }
    }

    /** A Datasette restriction set ({@code restrict_all} / {@code _database} / {@code _resource}) as read. */
    public record Grants(
            List<String> all, Map<String, List<String>> databases, Map<String, Map<String, List<String>>> resources) {
        public Grants {
            all = List.copyOf(all);
            databases = Collections.unmodifiableMap(new LinkedHashMap<>(databases));
            resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        }

        public boolean isEmpty() {
            return all.isEmpty() && databases.isEmpty() && resources.isEmpty();
        }
    }

    private DatasetteActions() {}

    /** The action named by its full name or its abbreviation (either matches, as in Datasette). */
    public static Optional<Action> parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Action a : Action.values()) {
            if (a.fullName.equals(n) || a.abbr.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The names in {@code grants} that are no action of {@link Action}, in order, without repeats. */
    public static List<String> unknown(Grants grants) {
        Set<String> out = new LinkedHashSet<>();
        grants.all().forEach(a -> addUnknown(out, a));
        grants.databases().values().forEach(list -> list.forEach(a -> addUnknown(out, a)));
        grants.resources().values().forEach(t -> t.values().forEach(list -> list.forEach(a -> addUnknown(out, a))));
        return List.copyOf(out);
    }

    private static void addUnknown(Set<String> out, String action) {
        if (parse(action).isEmpty()) {
            out.add(action);
        }
    }

    /**
     * The restrictions {@code grants} mean on this instance, whose one database is {@code database}.
     * Unknown actions and grants on other databases grant nothing (Datasette keeps them but nothing here
     * could match them).
     */
    public static Restrictions restrictions(Grants grants, String database) {
        Set<Verb> all = verbs(grants.all());
        List<String> forDb = grants.databases().get(database);
        if (forDb != null) {
            all.addAll(verbs(forDb));
        }
        Map<String, Set<Verb>> tables = new LinkedHashMap<>();
        Map<String, List<String>> forTables = grants.resources().get(database);
        if (forTables != null) {
            forTables.forEach((table, actions) -> {
                Set<Verb> v = verbs(actions);
                if (!v.isEmpty()) {
                    tables.computeIfAbsent(table, k -> EnumSet.noneOf(Verb.class))
                            .addAll(v);
                }
            });
        }
        return new Restrictions(all, Map.of(), tables);
    }

    private static Set<Verb> verbs(List<String> actions) {
        Set<Verb> out = EnumSet.noneOf(Verb.class);
        actions.forEach(a -> parse(a).ifPresent(action -> out.add(action.verb())));
        return out;
    }

    /**
     * A Datasette {@code _r} object ({@code {"a": [...], "d": {db: [...]}, "r": {db: {table: [...]}}}}) as
     * grants; parts of the wrong shape are listed in {@code problems} and left out.
     */
    public static Grants fromR(JsonNode r, List<String> problems) {
        if (!r.isObject()) {
            problems.add("_r must be an object");
            return new Grants(List.of(), Map.of(), Map.of());
        }
        return new Grants(
                names(r.get("a"), "a", problems),
                byDatabase(r.get("d"), "d", problems),
                byResource(r.get("r"), "r", problems));
    }

    /** The grants as a Datasette {@code _r} object, actions abbreviated where known, empty parts left out. */
    public static ObjectNode toR(Grants grants) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        if (!grants.all().isEmpty()) {
            abbreviated(o.putArray("a"), grants.all());
        }
        if (!grants.databases().isEmpty()) {
            ObjectNode d = o.putObject("d");
            grants.databases().forEach((db, actions) -> abbreviated(d.putArray(db), actions));
        }
        if (!grants.resources().isEmpty()) {
            ObjectNode r = o.putObject("r");
            grants.resources().forEach((db, tables) -> {
                ObjectNode t = r.putObject(db);
                tables.forEach((table, actions) -> abbreviated(t.putArray(table), actions));
            });
        }
        return o;
    }

    private static void abbreviated(ArrayNode out, List<String> actions) {
        actions.forEach(a -> out.add(parse(a).map(Action::abbr).orElse(a)));
    }

    /** A list of action names; {@code where} names it in problems. Null or absent is empty. */
    public static List<String> names(@Nullable JsonNode node, String where, List<String> problems) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (!node.isArray()) {
            problems.add(where + " must be a list of actions");
            return out;
        }
        for (JsonNode v : node) {
            if (v.isString()) {
                out.add(v.asString());
            } else {
                problems.add(where + " must be a list of actions");
                return List.of();
            }
        }
        return out;
    }

    /** {@code {db: [actions]}}. */
    public static Map<String, List<String>> byDatabase(@Nullable JsonNode node, String where, List<String> problems) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(where + " must be an object of database → list of actions");
            return out;
        }
        for (String db : node.propertyNames()) {
            out.put(db, names(node.get(db), where + "." + db, problems));
        }
        return out;
    }

    /** {@code {db: {table: [actions]}}}. */
    public static Map<String, Map<String, List<String>>> byResource(
            @Nullable JsonNode node, String where, List<String> problems) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(where + " must be an object of database → table → list of actions");
            return out;
        }
        for (String db : node.propertyNames()) {
            Map<String, List<String>> tables = byDatabase(node.get(db), where + "." + db, problems);
            out.put(db, tables);
        }
        return out;
    }
}
