package datastore.schemas.ckan.catalog;

import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.PackageFields;
import datastore.schemas.catalog.PackageInput;
import datastore.schemas.catalog.ResourceInput;
import datastore.schemas.validation.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CKAN's package dict: read as {@code package_create} / {@code package_update} validate it
 * ({@code default_create_package_schema}, CKAN's messages), and rendered as {@code package_show} returns it.
 */
public final class PackageDicts {
    /** How a dict is read: a create needs a name; an update is addressed by id or name. */
    public enum Mode {
        CREATE,
        UPDATE
    }

    public static final int VERSION_MAX_LENGTH = 100;
    // CKAN's email_pattern (ckan/logic/validators.py).
    private static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
            + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    private static final List<String> ROOT_KEYS = List.of(
            "id",
            "name",
            "title",
            "author",
            "author_email",
            "maintainer",
            "maintainer_email",
            "license_id",
            "notes",
            "url",
            "version",
            "state",
            "type",
            "owner_org",
            "private",
            "tags",
            "extras",
            "resources");

    private PackageDicts() {}

    /** Reads {@code dict}; every problem is reported together as one CKAN validation error (409). */
    public static PackageInput parse(ObjectNode dict, Mode mode) {
        Problems problems = new Problems();
        DictReader r = new DictReader(dict, problems, "");
        String name = name(r, mode);
        String id = r.nonEmpty("id");
        if (mode == Mode.UPDATE && id == null && name == null && !problems.has("name")) {
            problems.add("id", "Missing value");
        }
        String title = r.nonEmpty("title");
        if (title == null && mode == Mode.CREATE) {
            title = name;
        }
        String authorEmail = email(r, "author_email");
        String maintainerEmail = email(r, "maintainer_email");
        String version = r.text("version");
        if (version != null && version.length() > VERSION_MAX_LENGTH) {
            problems.add("version", "Version must be a maximum of " + VERSION_MAX_LENGTH + " characters long");
        }
        boolean isPrivate = bool(r, "private");
        PackageFields fields = new PackageFields(
                title,
                r.text("url"),
                r.text("download_url"),
                r.nonEmpty("license_id"),
                r.text("notes"),
                r.text("author"),
                authorEmail,
                r.text("maintainer"),
                maintainerEmail,
                version,
                isPrivate,
                tags(r),
                extras(r));
        List<ResourceInput> resources = null;
        JsonNode res = dict.get("resources");
        if (res != null && !res.isNull()) {
            resources = resources(res, problems);
        }
        String ownerOrg = r.nonEmpty("owner_org");
        problems.throwIfAny();
        return new PackageInput(id, name, ownerOrg, fields, resources);
    }

    private static @Nullable String name(DictReader r, Mode mode) {
        JsonNode v = r.raw("name");
        if (v.isMissingNode() || v.isNull() || (v.isString() && v.asString().isEmpty())) {
            if (mode == Mode.CREATE) {
                r.problems().add("name", "Missing value");
            }
            return null;
        }
        if (!v.isString()) {
            r.problems().add("name", "Names must be strings");
            return null;
        }
        String problem = CkanNames.nameProblem(v.asString());
        if (problem != null) {
            r.problems().add("name", problem);
            return null;
        }
        return v.asString();
    }

    private static @Nullable String email(DictReader r, String key) {
        String s = r.text(key);
        if (s == null) {
            return null;
        }
        s = s.strip();
        if (!s.isEmpty() && !EMAIL.matcher(s).matches()) {
            r.problems().add(key, "Email " + s + " is not a valid format");
        }
        return s;
    }

    private static boolean bool(DictReader r, String key) {
        JsonNode v = r.raw(key);
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.asString().toLowerCase(java.util.Locale.ROOT);
        if (List.of("true", "yes", "t", "y", "1", "on").contains(s)) {
            return true;
        }
        if (List.of("false", "no", "f", "n", "0", "off", "").contains(s)) {
            return false;
        }
        r.problems().add(key, "Value must be one of: true, false");
        return false;
    }

    /** {@code tags} (a list of {@code {"name": …}}) and {@code tag_string} (comma-separated), both checked. */
    private static List<String> tags(DictReader r) {
        List<String> tags = new ArrayList<>();
        JsonNode list = r.raw("tags");
        if (!list.isMissingNode() && !list.isNull()) {
            if (!list.isArray()) {
                r.problems().add("tags", "Must be a list of tags, each {\"name\": …}");
            } else {
                for (JsonNode t : list) {
                    JsonNode n = t.isObject() ? t.path("name") : t;
                    if (!n.isString() || n.asString().isEmpty()) {
                        r.problems().add("tags", "Missing value");
                        continue;
                    }
                    addTag(r, "tags", n.asString(), tags);
                }
            }
        }
        String tagString = r.text("tag_string");
        if (tagString != null) {
            for (String t : tagString.split(",")) {
                if (!t.strip().isEmpty()) {
                    addTag(r, "tag_string", t.strip(), tags);
                }
            }
        }
        return tags;
    }

    static void addTag(DictReader r, String field, String tag, List<String> into) {
        String problem = CkanNames.tagProblem(tag);
        if (problem != null) {
            r.problems().add(field, problem);
        } else {
            into.add(tag);
        }
    }

    private static Map<String, String> extras(DictReader r) {
        Map<String, String> extras = new LinkedHashMap<>();
        JsonNode list = r.raw("extras");
        if (list.isMissingNode() || list.isNull()) {
            return extras;
        }
        if (!list.isArray()) {
            r.problems().add("extras", "Must be a list of {\"key\": …, \"value\": …}");
            return extras;
        }
        for (JsonNode e : list) {
            JsonNode key = e.path("key");
            if (!key.isString() || key.asString().isEmpty()) {
                r.problems().add("extras", "key: Missing value");
                continue;
            }
            String k = key.asString();
            if (ROOT_KEYS.contains(k)) {
                r.problems().add("extras", "key: There is a schema field with the same name");
            } else if (!e.has("value")) {
                r.problems().add("extras", "value: Missing value");
            } else if (extras.containsKey(k)) {
                r.problems().add("extras_validation", "Duplicate key \"" + k + "\"");
            } else {
                JsonNode v = e.get("value");
                extras.put(
                        k, v.isString() ? v.asString() : JsonMappers.standard().writeValueAsString(v));
            }
        }
        return extras;
    }

    private static List<ResourceInput> resources(JsonNode list, Problems problems) {
        List<ResourceInput> out = new ArrayList<>();
        if (!list.isArray()) {
            problems.add("resources", "Must be a list of resource dicts");
            return out;
        }
        int i = 0;
        for (JsonNode res : list) {
            i++;
            if (!res.isObject()) {
                problems.add("resources", "resource " + i + ": must be a dict");
                continue;
            }
            ResourceInput r = ResourceDicts.read((ObjectNode) res, problems, "resources." + i + ".", false);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** {@code package_show}'s dict. */
    public static ObjectNode render(Views.Package p) {
        PackageFields f = p.fields();
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("author", f.author());
        o.put("author_email", f.authorEmail());
        o.putNull("creator_user_id");
        ArrayNode extras = o.putArray("extras");
        f.extras().forEach((k, v) -> extras.addObject().put("key", k).put("value", v));
        o.putArray("groups");
        o.put("id", p.id());
        var license = CkanLicenses.byId(f.licenseId());
        o.put("isopen", license.map(CkanLicenses.License::isOpen).orElse(false));
        o.put("license_id", f.licenseId());
        if (f.licenseId() != null) {
            o.put("license_title", license.map(CkanLicenses.License::title).orElse(f.licenseId()));
            license.filter(l -> !l.url().isEmpty()).ifPresent(l -> o.put("license_url", l.url()));
        }
        o.put("maintainer", f.maintainer());
        o.put("maintainer_email", f.maintainerEmail());
        o.put("metadata_created", Views.time(p.created()));
        o.put("metadata_modified", Views.time(p.modified()));
        o.put("name", p.name());
        o.put("notes", f.notes());
        o.put("num_resources", p.resources().size());
        o.put("num_tags", f.tags().size());
        o.set("organization", organizationSummary(p.organization()));
        o.put("owner_org", p.organization().id());
        o.put("private", f.isPrivate());
        o.putArray("relationships_as_object");
        o.putArray("relationships_as_subject");
        ArrayNode resources = o.putArray("resources");
        p.resources().forEach(r -> resources.add(ResourceDicts.render(r)));
        o.put("state", p.active() ? "active" : "deleted");
        ArrayNode tags = o.putArray("tags");
        f.tags().forEach(t -> tags.add(tag(t)));
        o.put("title", p.title());
        o.put("type", "dataset");
        o.put("url", f.url());
        o.put("version", f.version());
        return o;
    }

    /** A tag as CKAN shows it in a package (free tags have no vocabulary; the name is the id here). */
    public static ObjectNode tag(String name) {
        ObjectNode t = JsonMappers.standard().createObjectNode();
        t.put("display_name", name);
        t.put("id", name);
        t.put("name", name);
        t.put("state", "active");
        t.putNull("vocabulary_id");
        return t;
    }

    /** The organization as a package embeds it. */
    public static ObjectNode organizationSummary(Views.Organization org) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("id", org.id());
        o.put("name", org.name());
        o.put("title", org.title());
        o.put("type", "organization");
        o.put("description", org.description());
        o.put("image_url", "");
        o.put("created", Views.time(org.created()));
        o.put("is_organization", true);
        o.put("approval_status", "approved");
        o.put("state", org.active() ? "active" : "deleted");
        return o;
    }

    /** {@code organization_show}'s dict (and {@code organization_list}'s with {@code all_fields}). */
    public static ObjectNode organization(Views.Organization org) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("approval_status", "approved");
        o.put("created", Views.time(org.created()));
        o.put("description", org.description());
        o.put("display_name", org.title());
        o.put("id", org.id());
        o.put("image_display_url", "");
        o.put("image_url", "");
        o.put("is_organization", true);
        o.put("name", org.name());
        o.put("num_followers", 0);
        o.put("package_count", org.packages());
        o.put("state", org.active() ? "active" : "deleted");
        o.put("title", org.title());
        o.put("type", "organization");
        return o;
    }
}
