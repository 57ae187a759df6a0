package datastore.schemas.ckan.catalog;

import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.PackageInput;
import datastore.schemas.validation.Problems;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CKAN REST design's bodies: {@code {"package": {name, title, url, download_url, licences, tags,
 * notes}}} with space-separated tags and a list of licence ids, and the {@code {"package-list": […]}},
 * {@code {"license-list": […]}} and {@code {"tag-list": […]}} listings.
 */
public final class RestBodies {
    /** The keys a REST package may carry. */
    public static final List<String> PACKAGE_KEYS =
            List.of("name", "title", "url", "download_url", "licences", "tags", "notes");

    private RestBodies() {}

    /**
     * Reads a REST package body into the action API's package dict, then checks it as the action API
     * does; every problem is reported together (a 409-coded validation error the REST surface answers
     * with 400).
     */
    public static PackageInput parsePackage(JsonNode body, PackageDicts.Mode mode) {
        Problems problems = new Problems();
        JsonNode pkg = body.path("package");
        if (!body.isObject() || !pkg.isObject()) {
            problems.add("package", "Missing value: the body is {\"package\": {…}}");
            problems.throwIfAny();
        }
        ObjectNode dict = JsonMappers.standard().createObjectNode();
        for (var e : pkg.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "name", "title", "url", "download_url", "notes" -> dict.set(key, v);
                case "licences" -> licence(v, dict, problems);
                case "tags" -> tags(v, dict, problems);
                default -> problems.add(key, "Unknown field: a REST package has " + String.join(", ", PACKAGE_KEYS));
            }
        }
        problems.throwIfAny();
        return PackageDicts.parse(dict, mode);
    }

    private static void licence(JsonNode v, ObjectNode dict, Problems problems) {
        if (v.isNull()) {
            return;
        }
        if (v.isString()) {
            dict.put("license_id", v.asString());
        } else if (v.isArray() && v.size() <= 1 && (v.isEmpty() || v.get(0).isString())) {
            if (!v.isEmpty()) {
                dict.put("license_id", v.get(0).asString());
            }
        } else {
            problems.add("licences", "Must be a list of at most one licence id (see /api/rest/licenses)");
        }
    }

    private static void tags(JsonNode v, ObjectNode dict, Problems problems) {
        if (v.isNull()) {
            return;
        }
        if (!v.isString()) {
            problems.add("tags", "Must be a string of space-separated tags");
            return;
        }
        ArrayNode tags = dict.putArray("tags");
        for (String t : v.asString().strip().split("\\s+")) {
            if (!t.isEmpty()) {
                tags.addObject().put("name", t);
            }
        }
    }

    /** {@code {"package": {…}}}: the REST fields, plus the id, organization and resources it has here. */
    public static ObjectNode renderPackage(Views.Package p) {
        ObjectNode pkg = JsonMappers.standard().createObjectNode();
        pkg.put("id", p.id());
        pkg.put("name", p.name());
        pkg.put("title", p.title());
        pkg.put("url", p.fields().url());
        pkg.put("download_url", p.fields().downloadUrl());
        ArrayNode licences = pkg.putArray("licences");
        if (p.fields().licenseId() != null) {
            licences.add(p.fields().licenseId());
        }
        pkg.put("tags", String.join(" ", p.fields().tags()));
        pkg.put("notes", p.fields().notes());
        pkg.put("organization", p.organization().name());
        ArrayNode resources = pkg.putArray("resources");
        for (Views.Resource r : p.resources()) {
            resources
                    .addObject()
                    .put("id", r.id())
                    .put("name", r.name())
                    .put("url", r.fields().path("url").asString(""))
                    .put("format", r.fields().path("format").asString(""));
        }
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.set("package", pkg);
        return o;
    }

    /** {@code {"<kind>-list": [...]}}, e.g. {@code package-list} of names. */
    public static ObjectNode list(String kind, Collection<String> names) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        names.forEach(o.putArray(kind + "-list")::add);
        return o;
    }

    /** {@code {"license-list": [...]}}: CKAN's licence dicts. */
    public static ObjectNode licenses() {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.set("license-list", CkanLicenses.list());
        return o;
    }

    /** {@code {"license": {...}}}. */
    public static ObjectNode license(CkanLicenses.License l) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.set("license", l.toDict());
        return o;
    }

    /** {@code {"tag": {"name": …, "packages": [names]}}}. */
    public static ObjectNode tag(String name, Collection<String> packages) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        ObjectNode t = o.putObject("tag");
        t.put("name", name);
        packages.forEach(t.putArray("packages")::add);
        return o;
    }
}
