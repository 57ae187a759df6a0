package datastore.schemas.catalog;

import datastore.core.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the catalog's request bodies into change records, checking every field and reporting every
 * problem at once (a validation error whose fields name what is wrong). {@code full} bodies (create,
 * {@code PUT}) must carry the required fields; patches may carry any subset.
 */
public final class CatalogBodies {
    private static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 10_000;

    private CatalogBodies() {}

    public static AppChange app(JsonNode body, boolean full) {
        Problems p = new Problems(body, Set.of("name", "slug", "description"));
        AppChange out =
                new AppChange(p.text("name", full, MAX_NAME), p.slug(), p.text("description", false, MAX_DESCRIPTION));
        p.throwIfAny();
        return out;
    }

    public static DataSourceChange dataSource(JsonNode body, boolean full, boolean create) {
        Problems p = new Problems(body, Set.of("name", "slug", "provider_type", "provider_config", "description"));
        String name = p.text("name", full, MAX_NAME);
        String slug = p.slug();
        ProviderType provider = null;
        String type = p.text("provider_type", create, 50);
        if (type != null) {
            provider = ProviderType.parse(type).orElse(null);
            if (provider == null) {
                p.add("provider_type", "unknown provider \"" + type + "\"; use one of " + ProviderType.names());
            }
        }
        ObjectNode config = null;
        JsonNode c = p.body.get("provider_config");
        if (c != null && !c.isNull()) {
            if (c instanceof ObjectNode o) {
                config = o;
            } else {
                p.add("provider_config", "must be an object");
            }
        }
        DataSourceChange out =
                new DataSourceChange(name, slug, provider, config, p.text("description", false, MAX_DESCRIPTION));
        p.throwIfAny();
        return out;
    }

    public static TableChange table(JsonNode body, boolean full, boolean create) {
        Problems p = new Problems(
                body,
                Set.of("name", "slug", "description", "json_schema", "materialize", "renames", "allow_data_loss"));
        String name = p.text("name", full, MAX_NAME);
        String slug = p.slug();
        String description = p.text("description", false, MAX_DESCRIPTION);
        JsonNode schema = p.body.get("json_schema");
        if (schema == null || schema.isNull()) {
            schema = null;
            if (create) {
                p.add("json_schema", "is required");
            }
        } else if (!schema.isObject()) {
            p.add("json_schema", "must be a Table Schema object");
        }
        boolean materialize = p.bool("materialize", true);
        boolean allowDataLoss = p.bool("allow_data_loss", false);
        Map<String, String> renames = new LinkedHashMap<>();
        JsonNode r = p.body.get("renames");
        if (r != null && !r.isNull()) {
            if (!r.isObject()) {
                p.add("renames", "must be an object of old field name → new field name");
            } else {
                for (Map.Entry<String, JsonNode> e : r.properties()) {
                    if (!e.getValue().isString()) {
                        p.add("renames", "\"" + e.getKey() + "\" must map to a field name (a string)");
                    } else {
                        renames.put(e.getKey(), e.getValue().asString());
                    }
                }
            }
        }
        TableChange out = new TableChange(name, slug, description, schema, materialize, renames, allowDataLoss);
        p.throwIfAny();
        return out;
    }

    /** Whether {@code slug} follows CKAN's package-name rule: 2–100 of {@code a-z 0-9 - _}. */
    public static boolean validSlug(String slug) {
        return slug.matches("[a-z0-9_-]{2,100}");
    }

    private static final class Problems {
        private final JsonNode body;
        private final Map<String, List<String>> problems = new LinkedHashMap<>();

        Problems(JsonNode body, Set<String> known) {
            this.body = body;
            if (!body.isObject()) {
                add("body", "must be a JSON object");
                throwIfAny();
            }
            for (String key : body.propertyNames()) {
                if (!known.contains(key)) {
                    add(
                            key,
                            "is not a known field (use "
                                    + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        void add(String field, String message) {
            problems.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
        }

        @Nullable
        String text(String field, boolean required, int max) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    add(field, "is required");
                }
                return null;
            }
            if (!v.isString()) {
                add(field, "must be a string");
                return null;
            }
            String s = v.asString();
            if (required && s.isBlank()) {
                add(field, "must not be empty");
            }
            if (s.length() > max) {
                add(field, "is longer than " + max + " characters");
            }
            return s;
        }

        @Nullable
        String slug() {
            String s = text("slug", false, 100);
            if (s != null && !validSlug(s)) {
                add("slug", "must be 2 to 100 lower-case letters, digits, \"-\" or \"_\"");
            }
            return s;
        }

        boolean bool(String field, boolean fallback) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                add(field, "must be true or false");
                return fallback;
            }
            return v.asBoolean();
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw ApiException.validation(problems);
            }
        }
    }
}
