package datastore.schemas.catalog;

import datastore.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a CKAN package says about itself beyond the data source's name and slug: title, links, licence,
 * tags, people, version and free-form extras. Kept as one JSON document beside the data source.
 *
 * @param tags in the order given, without repeats
 * @param extras CKAN's {@code extras} as key → value, in the order given
 */
@NullMarked
public record PackageFields(
        @Nullable String title,
        @Nullable String url,
        @Nullable String downloadUrl,
        @Nullable String licenseId,
        @Nullable String notes,
        @Nullable String author,
        @Nullable String authorEmail,
        @Nullable String maintainer,
        @Nullable String maintainerEmail,
        @Nullable String version,
        boolean isPrivate,
        List<String> tags,
        Map<String, String> extras) {
    public static final PackageFields EMPTY =
            new PackageFields(null, null, null, null, null, null, null, null, null, null, false, List.of(), Map.of());

    public PackageFields {
        tags = List.copyOf(new LinkedHashSet<>(tags));
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** The stored form: one JSON object, absent values left out. */
    public ObjectNode toJson() {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        put(o, "title", title);
        put(o, "url", url);
        put(o, "download_url", downloadUrl);
        put(o, "license_id", licenseId);
        put(o, "notes", notes);
        put(o, "author", author);
        put(o, "author_email", authorEmail);
        put(o, "maintainer", maintainer);
        put(o, "maintainer_email", maintainerEmail);
        put(o, "version", version);
        if (isPrivate) {
            o.put("private", true);
        }
        if (!tags.isEmpty()) {
            tags.forEach(o.putArray("tags")::add);
        }
        if (!extras.isEmpty()) {
            ObjectNode e = o.putObject("extras");
            extras.forEach(e::put);
        }
        return o;
    }

    /** Reads what {@link #toJson} wrote; unknown keys are ignored, so older documents stay readable. */
    public static PackageFields fromJson(JsonNode o) {
        List<String> tags = new ArrayList<>();
        o.path("tags").forEach(t -> tags.add(t.asString()));
        Map<String, String> extras = new LinkedHashMap<>();
        o.path("extras")
                .properties()
                .forEach(e -> extras.put(e.getKey(), e.getValue().asString()));
        return new PackageFields(
                text(o, "title"),
                text(o, "url"),
                text(o, "download_url"),
                text(o, "license_id"),
                text(o, "notes"),
                text(o, "author"),
                text(o, "author_email"),
                text(o, "maintainer"),
                text(o, "maintainer_email"),
                text(o, "version"),
                o.path("private").asBoolean(false),
                tags,
                extras);
    }

    private static void put(ObjectNode o, String key, @Nullable String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static @Nullable String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }
}
