package datastore.services.auth;

import datastore.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a restricted API token may do (Datasette's restriction idea): verbs allowed everywhere, per
 * resource id (the table and every alias of it), and per table name as the request names it (an id or
 * one alias). A verb is allowed when any of the three grants it; a token without restrictions may do
 * whatever its actor may.
 */
public record Restrictions(
        Set<Verb> all, Map<String, Set<Verb>> resources, Map<String, Set<Verb>> tables, Map<String, AppGrant> apps) {
    private static final JsonMapper JSON = JsonMappers.standard();

    public Restrictions {
        all = copy(all);
        resources = copy(resources);
        tables = copy(tables);
        apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
    }

    /** Restrictions without per-app grants. */
    public Restrictions(Set<Verb> all, Map<String, Set<Verb>> resources, Map<String, Set<Verb>> tables) {
        this(all, resources, tables, Map.of());
    }

    /** Whether {@code verb} is allowed for the request's target. */
    public boolean allows(Verb verb, AccessRequest req) {
        if (all.contains(verb)) {
            return true;
        }
        if (req.target() == AccessRequest.Target.SQL) {
            // The call as such: a grant on any one table will do; each table read is asked for after.
            return grantedAnywhere(verb);
        }
        if (req.target() == AccessRequest.Target.APP) {
            AppGrant grant = apps.get(req.id());
            return grant != null && grant.covers(verb);
        }
        if (req.target() != AccessRequest.Target.RESOURCE) {
            return false;
        }
        if (resources.getOrDefault(req.id(), Set.of()).contains(verb)) {
            return true;
        }
        return req.names().stream()
                .anyMatch(n -> tables.getOrDefault(n, Set.of()).contains(verb));
    }

    /** Whether {@code verb} is granted everywhere or on any one resource or table. */
    public boolean grantedAnywhere(Verb verb) {
        return all.contains(verb)
                || apps.values().stream().anyMatch(g -> g.covers(verb))
                || resources.values().stream().anyMatch(v -> v.contains(verb))
                || tables.values().stream().anyMatch(v -> v.contains(verb));
    }

    /** Whether every verb granted anywhere only reads ({@code read}, {@code sql}). */
    public boolean readOnly() {
        Set<Verb> reads = EnumSet.of(Verb.READ, Verb.SQL);
        return reads.containsAll(all)
                && apps.values().stream().allMatch(g -> g == AppGrant.READ)
                && resources.values().stream().allMatch(reads::containsAll)
                && tables.values().stream().allMatch(reads::containsAll);
    }

    /** Whether every grant here is also a grant of {@code outer}: a token may only mint narrower ones. */
    public boolean within(Restrictions outer) {
        if (!outer.all.containsAll(all)) {
            return false;
        }
        for (Map.Entry<String, Set<Verb>> e : resources.entrySet()) {
            if (!union(outer.all, outer.resources.get(e.getKey())).containsAll(e.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, Set<Verb>> e : tables.entrySet()) {
            if (!union(outer.all, outer.tables.get(e.getKey())).containsAll(e.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, AppGrant> e : apps.entrySet()) {
            AppGrant theirs = outer.apps.get(e.getKey());
            boolean covered = theirs != null && theirs.compareTo(e.getValue()) >= 0;
            if (!covered
                    && !EnumSet.allOf(Verb.class).stream()
                            .filter(v -> e.getValue().covers(v))
                            .allMatch(outer.all::contains)) {
                return false;
            }
        }
        return true;
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        verbs(o.putArray("all"), all);
        ObjectNode r = o.putObject("resources");
        resources.forEach((k, v) -> verbs(r.putArray(k), v));
        ObjectNode t = o.putObject("tables");
        tables.forEach((k, v) -> verbs(t.putArray(k), v));
        if (!apps.isEmpty()) {
            ObjectNode a = o.putObject("apps");
            apps.forEach((k, v) -> a.putArray(k).add(v.label()));
        }
        return o;
    }

    /** Parses {@code {"all": [...], "resources": {id: [...]}, "tables": {name: [...]}}}; problems are listed. */
    public static Restrictions fromJson(JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add("must be an object with \"all\", \"resources\" and/or \"tables\"");
            return new Restrictions(Set.of(), Map.of(), Map.of());
        }
        for (String key : node.propertyNames()) {
            if (!List.of("all", "resources", "tables", "apps").contains(key)) {
                problems.add("unknown key \"" + key + "\" (use all, resources, tables, apps)");
            }
        }
        Set<Verb> all = node.has("all") ? verbs(node.get("all"), "all", problems) : Set.of();
        return new Restrictions(
                all,
                byName(node.get("resources"), "resources", problems),
                byName(node.get("tables"), "tables", problems),
                apps(node.get("apps"), problems));
    }

    /** {@code {"<app slug>": ["read" | "write" | "admin"]}}: the highest grant listed counts. */
    private static Map<String, AppGrant> apps(@Nullable JsonNode node, List<String> problems) {
        Map<String, AppGrant> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add("apps must be an object of app slug → list of grants (" + AppGrant.names() + ")");
            return out;
        }
        for (String app : node.propertyNames()) {
            JsonNode grants = node.get(app);
            if (!grants.isArray() || grants.isEmpty()) {
                problems.add("apps." + app + " must be a non-empty list of grants (" + AppGrant.names() + ")");
                continue;
            }
            for (JsonNode g : grants) {
                AppGrant grant = g.isString() ? AppGrant.parse(g.asString()).orElse(null) : null;
                if (grant == null) {
                    problems.add("apps." + app + " has an unknown grant " + g + " (use " + AppGrant.names() + ")");
                } else if (!out.containsKey(app) || out.get(app).compareTo(grant) < 0) {
                    out.put(app, grant);
                }
            }
        }
        return out;
    }

    private static Map<String, Set<Verb>> byName(JsonNode node, String where, List<String> problems) {
        Map<String, Set<Verb>> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problems.add(where + " must be an object of name → list of verbs");
            return out;
        }
        for (String name : node.propertyNames()) {
            if (name.isBlank()) {
                problems.add(where + " has an empty name");
                continue;
            }
            out.put(name, verbs(node.get(name), where + "." + name, problems));
        }
        return out;
    }

    private static Set<Verb> verbs(JsonNode node, String where, List<String> problems) {
        Set<Verb> out = EnumSet.noneOf(Verb.class);
        if (!node.isArray()) {
            problems.add(where + " must be a list of verbs (" + Verb.names() + ")");
            return out;
        }
        for (JsonNode v : node) {
            if (!v.isString() || Verb.parse(v.asString()).isEmpty()) {
                problems.add(where + " has an unknown verb " + v + " (use " + Verb.names() + ")");
            } else {
                out.add(Verb.parse(v.asString()).get());
            }
        }
        return out;
    }

    private static void verbs(ArrayNode a, Set<Verb> verbs) {
        verbs.stream().sorted().forEach(v -> a.add(v.label()));
    }

    private static Set<Verb> union(Set<Verb> a, @Nullable Set<Verb> b) {
        Set<Verb> out = EnumSet.noneOf(Verb.class);
        out.addAll(a);
        if (b != null) {
            out.addAll(b);
        }
        return out;
    }

    private static Set<Verb> copy(Set<Verb> verbs) {
        Objects.requireNonNull(verbs, "verbs is null");
        return verbs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(verbs));
    }

    private static Map<String, Set<Verb>> copy(Map<String, Set<Verb>> byName) {
        Map<String, Set<Verb>> out = new LinkedHashMap<>();
        Objects.requireNonNull(byName, "map is null").forEach((k, v) -> out.put(k, copy(v)));
        return Collections.unmodifiableMap(out);
    }

    /** A human summary for listings and the CLI, e.g. {@code all: read; resources: abc: insert}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!all.isEmpty()) {
            parts.add("all: " + labels(all));
        }
        resources.forEach((k, v) -> parts.add("resource " + k + ": " + labels(v)));
        tables.forEach((k, v) -> parts.add("table " + k + ": " + labels(v)));
        apps.forEach((k, v) -> parts.add("app " + k + ": " + v.label()));
        return parts.isEmpty() ? "nothing" : String.join("; ", parts);
    }

    private static String labels(Set<Verb> verbs) {
        return String.join(",", verbs.stream().sorted().map(Verb::label).toList());
    }
}
