package datastore.api.ckan;

import datastore.api.auth.AuthGate;
import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.App;
import datastore.schemas.catalog.PackageInput;
import datastore.schemas.catalog.ResourceInput;
import datastore.schemas.ckan.catalog.CkanLicenses;
import datastore.schemas.ckan.catalog.CkanNames;
import datastore.schemas.ckan.catalog.CkanStatus;
import datastore.schemas.ckan.catalog.PackageDicts;
import datastore.schemas.ckan.catalog.ResourceDicts;
import datastore.services.auth.AccessRequest;
import datastore.services.auth.Principal;
import datastore.services.auth.Verb;
import datastore.services.catalog.PackageCatalog;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CKAN's catalog actions when no CKAN is behind the service ({@code CKAN_URL} unset): organizations,
 * packages, resources, tags, the licence register and {@code status_show}, over the service's catalog.
 * Reads need the catalog's read right, writes its create right (as the catalog API's own endpoints).
 */
final class CkanCatalogActions {
    private static final int SEARCH_ROWS_DEFAULT = 10;
    private static final int SEARCH_ROWS_MAX = 1000;

    private final ActionParams params;
    private final AuthGate gate;
    private final PackageCatalog catalog;
    private final String siteTitle;
    private final List<String> extensions;

    CkanCatalogActions(
            ActionParams params, AuthGate gate, PackageCatalog catalog, String siteTitle, List<String> extensions) {
        this.params = params;
        this.gate = gate;
        this.catalog = catalog;
        this.siteTitle = siteTitle;
        this.extensions = List.copyOf(extensions);
    }

    void licenseList(Context ctx) {
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "license_list"), CkanLicenses.list());
    }

    void statusShow(Context ctx) {
        CkanResponses.ok(
                ctx,
                CkanResponses.help(ctx, "status_show"),
                CkanStatus.of(siteTitle, CkanResponses.site(ctx), extensions));
    }

    // ---- organizations

    void organizationCreate(Context ctx) {
        ObjectNode p = params.read(ctx);
        JsonNode name = p.path("name");
        if (!name.isString() || name.asString().isEmpty()) {
            throw ApiException.validation("name", "Missing value");
        }
        String problem = CkanNames.nameProblem(name.asString());
        if (problem != null) {
            throw ApiException.validation("name", problem);
        }
        Principal caller = write(ctx, "organization_create");
        String title = p.path("title").asString("");
        App app = catalog.createOrganization(
                name.asString(),
                title.isEmpty() ? name.asString() : title,
                p.path("description").asString(""),
                caller.actor());
        ok(ctx, "organization_create", PackageDicts.organization(CatalogViews.organization(app)));
    }

    void organizationShow(Context ctx) {
        ObjectNode p = params.read(ctx);
        String id = required(p, "id");
        read(ctx, "organization_show");
        App app = catalog.organization(id);
        ObjectNode dict = PackageDicts.organization(CatalogViews.organization(app));
        if (p.path("include_datasets").asBoolean(false)
                || "true".equals(p.path("include_datasets").asString())) {
            ArrayNode pkgs = dict.putArray("packages");
            catalog.all().stream()
                    .filter(x -> x.app().id().equals(app.id()))
                    .forEach(x -> pkgs.add(PackageDicts.render(CatalogViews.pkg(x))));
        }
        ok(ctx, "organization_show", dict);
    }

    void organizationList(Context ctx) {
        ObjectNode p = params.read(ctx);
        read(ctx, "organization_list");
        boolean all = p.path("all_fields").asBoolean(false)
                || "true".equals(p.path("all_fields").asString());
        ArrayNode out = JsonMappers.standard().createArrayNode();
        catalog.organizations().stream()
                .sorted((a, b) -> a.slug().compareTo(b.slug()))
                .forEach(a -> {
                    if (all) {
                        out.add(PackageDicts.organization(CatalogViews.organization(a)));
                    } else {
                        out.add(a.slug());
                    }
                });
        ok(ctx, "organization_list", out);
    }

    // ---- packages

    void packageCreate(Context ctx) {
        PackageInput in = PackageDicts.parse(params.read(ctx), PackageDicts.Mode.CREATE);
        Principal caller = write(ctx, "package_create");
        ok(ctx, "package_create", render(catalog.createPackage(in, caller.actor())));
    }

    void packageShow(Context ctx) {
        String id = required(params.read(ctx), "id");
        read(ctx, "package_show");
        ok(ctx, "package_show", render(catalog.get(id)));
    }

    void packageList(Context ctx) {
        ObjectNode p = params.read(ctx);
        read(ctx, "package_list");
        int limit = natural(p, "limit", Integer.MAX_VALUE);
        int offset = natural(p, "offset", 0);
        ArrayNode out = JsonMappers.standard().createArrayNode();
        catalog.all().stream()
                .skip(offset)
                .limit(limit)
                .forEach(x -> out.add(x.source().slug()));
        ok(ctx, "package_list", out);
    }

    void packageUpdate(Context ctx) {
        ObjectNode p = params.read(ctx);
        update(ctx, "package_update", p, !p.has("title"));
    }

    /** {@code package_patch}: the given keys over the package as it is, then an update. */
    void packagePatch(Context ctx) {
        ObjectNode p = params.read(ctx);
        String ref = p.path("id").asString(p.path("name").asString(""));
        if (ref.isEmpty()) {
            throw ApiException.validation("id", "Missing value");
        }
        read(ctx, "package_patch");
        ObjectNode merged = render(catalog.get(ref));
        merged.put("owner_org", (String) null);
        if (!p.has("resources")) {
            merged.remove("resources");
        }
        merged.setAll(p);
        merged.put("id", merged.path("id").asString());
        update(ctx, "package_patch", merged, false);
    }

    private void update(Context ctx, String action, ObjectNode p, boolean keepTitle) {
        PackageInput in = PackageDicts.parse(p, PackageDicts.Mode.UPDATE);
        Principal caller = write(ctx, action);
        String ref = java.util.Objects.requireNonNull(in.reference(), "an update names its package");
        if (keepTitle) {
            PackageCatalog.Package old = catalog.get(ref);
            in = new PackageInput(
                    in.id(),
                    in.name(),
                    in.ownerOrg(),
                    withTitle(in, old.source().name()),
                    in.resources());
        }
        ok(ctx, action, render(catalog.updatePackage(ref, in, caller.actor())));
    }

    static datastore.schemas.catalog.PackageFields withTitle(PackageInput in, String title) {
        var f = in.fields();
        return new datastore.schemas.catalog.PackageFields(
                title,
                f.url(),
                f.downloadUrl(),
                f.licenseId(),
                f.notes(),
                f.author(),
                f.authorEmail(),
                f.maintainer(),
                f.maintainerEmail(),
                f.version(),
                f.isPrivate(),
                f.tags(),
                f.extras());
    }

    void packageDelete(Context ctx) {
        String id = required(params.read(ctx), "id");
        Principal caller = write(ctx, "package_delete");
        catalog.deletePackage(id, caller.actor());
        ok(ctx, "package_delete", JsonMappers.standard().nullNode());
    }

    void packageSearch(Context ctx) {
        ObjectNode p = params.read(ctx);
        int rows = natural(p, "rows", SEARCH_ROWS_DEFAULT);
        if (rows > SEARCH_ROWS_MAX) {
            throw ApiException.validation("rows", "Must be less than or equal to " + SEARCH_ROWS_MAX);
        }
        int start = natural(p, "start", 0);
        read(ctx, "package_search");
        PackageCatalog.SearchPage page = catalog.search(text(p, "q"), text(p, "fq"), rows, start);
        ObjectNode out = JsonMappers.standard().createObjectNode();
        out.put("count", page.count());
        out.putObject("facets");
        ArrayNode results = out.putArray("results");
        page.results().forEach(x -> results.add(render(x)));
        out.put("sort", "name asc");
        out.putObject("search_facets");
        ok(ctx, "package_search", out);
    }

    void tagList(Context ctx) {
        ObjectNode p = params.read(ctx);
        read(ctx, "tag_list");
        ArrayNode out = JsonMappers.standard().createArrayNode();
        catalog.tags(text(p, "query")).forEach(out::add);
        ok(ctx, "tag_list", out);
    }

    // ---- resources

    void resourceCreate(Context ctx) {
        ResourceInput in = ResourceDicts.parse(params.read(ctx));
        write(ctx, "resource_create");
        ok(ctx, "resource_create", ResourceDicts.render(CatalogViews.resource(catalog.createResource(in))));
    }

    void resourceShow(Context ctx) {
        String id = required(params.read(ctx), "id");
        read(ctx, "resource_show");
        ok(ctx, "resource_show", ResourceDicts.render(CatalogViews.resource(catalog.resource(id))));
    }

    void resourceUpdate(Context ctx) {
        ObjectNode p = params.read(ctx);
        String id = required(p, "id");
        PackageCatalog.Resource old = catalog.resource(id);
        ObjectNode dict = p.deepCopy();
        dict.put("package_id", old.table().datasourceId());
        ResourceInput in = ResourceDicts.parse(dict);
        write(ctx, "resource_update");
        ok(ctx, "resource_update", ResourceDicts.render(CatalogViews.resource(catalog.updateResource(id, in))));
    }

    void resourceDelete(Context ctx) {
        String id = required(params.read(ctx), "id");
        write(ctx, "resource_delete");
        catalog.deleteResource(id);
        ok(ctx, "resource_delete", JsonMappers.standard().nullNode());
    }

    // ---- helpers

    private static ObjectNode render(PackageCatalog.Package p) {
        return PackageDicts.render(CatalogViews.pkg(p));
    }

    private static void ok(Context ctx, String action, JsonNode result) {
        CkanResponses.ok(ctx, CkanResponses.help(ctx, action), result);
    }

    private Principal read(Context ctx, String action) {
        return gate.require(ctx, AccessRequest.catalog(action));
    }

    private Principal write(Context ctx, String action) {
        return gate.require(
                ctx, new AccessRequest(action, AccessRequest.Target.CATALOG, "", Set.of(), EnumSet.of(Verb.CREATE)));
    }

    private static String required(ObjectNode p, String key) {
        JsonNode v = p.path(key);
        if (v.isMissingNode() || v.isNull() || v.asString("").isEmpty()) {
            throw ApiException.validation(key, "Missing value");
        }
        return v.asString();
    }

    private static @Nullable String text(ObjectNode p, String key) {
        JsonNode v = p.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static int natural(ObjectNode p, String key, int fallback) {
        JsonNode v = p.get(key);
        if (v == null || v.isNull() || (v.isString() && v.asString().isEmpty())) {
            return fallback;
        }
        String s = v.asString();
        if (!s.matches("[0-9]{1,9}")) {
            throw ApiException.validation(key, "Invalid integer");
        }
        return Integer.parseInt(s);
    }
}
