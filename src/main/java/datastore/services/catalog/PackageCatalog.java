package datastore.services.catalog;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.infrastructure.catalog.CatalogStore;
import datastore.infrastructure.catalog.CatalogStore.Kind;
import datastore.infrastructure.catalog.SlugTakenException;
import datastore.schemas.catalog.App;
import datastore.schemas.catalog.AppChange;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataSourceChange;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.catalog.PackageFields;
import datastore.schemas.catalog.PackageInput;
import datastore.schemas.catalog.ProviderType;
import datastore.schemas.catalog.ResourceInput;
import datastore.services.tables.Tables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog seen as CKAN sees it: apps are organizations, data sources packages (their slug the
 * package name) and data tables resources (reached by their datastore resource id). CKAN's own fields
 * are kept beside each record. Validation errors use CKAN's field names and messages.
 */
public final class PackageCatalog {
    /** CKAN's message for a package name that is taken (by an active or a deleted package). */
    public static final String NAME_IN_USE = "That URL is already in use.";

    private static final String EMPTY_SCHEMA = "{\"fields\":[]}";

    /** A package: its data source, app, CKAN fields and active resources in order. */
    public record Package(DataSource source, App app, PackageFields fields, List<Resource> resources) {
        public Package {
            resources = List.copyOf(resources);
        }
    }

    /** A resource: its data table, CKAN fields, position in the package, and whether its table exists. */
    public record Resource(DataTable table, ObjectNode fields, int position, boolean datastoreActive) {}

    private final CatalogService catalog;
    private final CatalogStore store;
    private final Tables tables;

    public PackageCatalog(CatalogService catalog, Tables tables) {
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.store = catalog.tables().store();
        this.tables = Objects.requireNonNull(tables, "tables is null");
    }

    // ---- organizations

    public App createOrganization(String name, String title, String description, String actor) {
        if (store.app(name).isPresent()) {
            throw ApiException.validation("name", "Group name already exists in database");
        }
        try {
            return catalog.createApp(new AppChange(title, name, description), actor);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                throw ApiException.validation("name", "Group name already exists in database");
            }
            throw e;
        }
    }

    /** The active organization with this name or id; 404 otherwise (CKAN does not say "gone"). */
    public App organization(String ref) {
        return store.app(ref).filter(App::active).orElseThrow(() -> ApiException.notFound("Group not found"));
    }

    public List<App> organizations() {
        return catalog.apps(CatalogFilter.all()).items();
    }

    // ---- packages

    public Package createPackage(PackageInput in, String actor) {
        String name = Objects.requireNonNull(in.name(), "a new package has a name");
        App app = owner(in.ownerOrg());
        if (store.dataSource(name).isPresent()) {
            throw ApiException.validation("name", NAME_IN_USE);
        }
        DataSource source;
        try {
            source = catalog.createDataSource(
                    app.slug(),
                    new DataSourceChange(
                            title(in.fields(), name),
                            name,
                            ProviderType.FLAT_TABLE,
                            null,
                            Objects.requireNonNullElse(in.fields().notes(), "")),
                    actor);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                throw ApiException.validation("name", NAME_IN_USE);
            }
            throw e;
        }
        store.setCkanFields(source.id(), in.fields().toJson().toString());
        List<ResourceInput> resources = in.resources() == null ? List.of() : in.resources();
        for (ResourceInput r : resources) {
            insertResource(source, r);
        }
        return get(source.id());
    }

    /** The package with this name or id, active or deleted. */
    public Optional<Package> find(String ref) {
        return store.dataSource(ref).map(this::view);
    }

    /** The active package with this name or id; CKAN's 404 otherwise. */
    public Package get(String ref) {
        return find(ref)
                .filter(p -> p.source().active())
                .orElseThrow(() -> ApiException.notFound("Package was not found."));
    }

    /** Every active package, in name order. */
    public List<Package> all() {
        List<Package> out = new ArrayList<>();
        for (App app : organizations()) {
            for (DataSource d :
                    catalog.dataSources(app.slug(), CatalogFilter.all()).items()) {
                out.add(view(d));
            }
        }
        out.sort((a, b) -> a.source().slug().compareTo(b.source().slug()));
        return out;
    }

    /**
     * Replaces a package's fields ({@code package_update}); its name cannot change. Resources are
     * replaced only when {@code in} lists them: listed ones (by id) are updated, new ones added, the
     * others deleted.
     */
    public Package updatePackage(String ref, PackageInput in, String actor) {
        Package old = get(ref);
        DataSource s = old.source();
        if (in.name() != null && !in.name().equals(s.slug())) {
            throw ApiException.validation("name", "A package's name cannot be changed (it is \"" + s.slug() + "\")");
        }
        if (in.ownerOrg() != null && !owner(in.ownerOrg()).id().equals(old.app().id())) {
            throw ApiException.validation("owner_org", "A package cannot move to another organization here");
        }
        PackageFields fields = in.fields();
        catalog.updateDataSource(
                old.app().slug(),
                s.slug(),
                new DataSourceChange(
                        title(fields, s.slug()), null, null, null, Objects.requireNonNullElse(fields.notes(), "")),
                true,
                actor);
        store.setCkanFields(s.id(), fields.toJson().toString());
        if (in.resources() != null) {
            List<String> kept = new ArrayList<>();
            for (ResourceInput r : in.resources()) {
                Resource existing = r.id() == null ? null : resourceIn(old, r.id());
                if (existing != null) {
                    updateResource(existing.table().resourceId(), r);
                    kept.add(existing.table().id());
                } else {
                    kept.add(insertResource(s, r).id());
                }
            }
            for (Resource r : old.resources()) {
                if (!kept.contains(r.table().id())) {
                    deleteResource(r.table().resourceId());
                }
            }
        }
        return get(s.id());
    }

    private static @Nullable Resource resourceIn(Package p, String id) {
        return p.resources().stream()
                .filter(r -> r.table().resourceId().equals(id) || r.table().id().equals(id))
                .findFirst()
                .orElse(null);
    }

    /** Soft-deletes the package and its resources; the name stays taken and the data stays. */
    public void deletePackage(String ref, String actor) {
        Package p = get(ref);
        catalog.deleteDataSource(p.app().slug(), p.source().slug(), actor);
    }

    /** One page of a search, and how many packages matched in all. */
    public record SearchPage(long count, List<Package> results) {}

    /**
     * CKAN's {@code package_search}, over the catalog rather than Solr: every word of {@code q} must occur
     * (case-insensitive) in the name, title, notes or a tag; each {@code field:value} term of {@code fq}
     * must match exactly ({@code name}, {@code title}, {@code tags}, {@code organization},
     * {@code license_id}). Results in name order.
     */
    public SearchPage search(@Nullable String q, @Nullable String fq, int rows, int start) {
        List<String> words = q == null || q.isBlank() || q.strip().equals("*:*")
                ? List.of()
                : List.of(q.strip().toLowerCase(java.util.Locale.ROOT).split("\\s+"));
        List<String[]> terms = FilterQuery.parse(fq);
        List<Package> matched = new ArrayList<>();
        for (Package p : all()) {
            if (words.stream().allMatch(w -> FilterQuery.text(p).contains(w))
                    && terms.stream().allMatch(t -> FilterQuery.matches(p, t[0], t[1]))) {
                matched.add(p);
            }
        }
        int from = Math.min(start, matched.size());
        int to = Math.min(matched.size(), from + rows);
        return new SearchPage(matched.size(), matched.subList(from, to));
    }

    /** The tags of active packages, sorted; only those containing {@code query} when given. */
    public List<String> tags(@Nullable String query) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (Package p : all()) {
            for (String t : p.fields().tags()) {
                if (query == null
                        || t.toLowerCase(java.util.Locale.ROOT).contains(query.toLowerCase(java.util.Locale.ROOT))) {
                    out.add(t);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The names of the active packages carrying {@code tag}. */
    public List<String> tagged(String tag) {
        return all().stream()
                .filter(p -> p.fields().tags().contains(tag))
                .map(p -> p.source().slug())
                .toList();
    }

    // ---- resources

    public Resource createResource(ResourceInput in) {
        Package p = get(Objects.requireNonNull(in.packageId(), "a new resource names its package"));
        DataTable t = insertResource(p.source(), in);
        return resource(t.resourceId());
    }

    /** The active resource with this (datastore resource) id; CKAN's 404 otherwise. */
    public Resource resource(String id) {
        DataTable t = store.tableByResourceId(id)
                .filter(DataTable::active)
                .orElseThrow(() -> ApiException.notFound("Resource was not found."));
        Package p = get(t.datasourceId());
        return p.resources().stream()
                .filter(r -> r.table().id().equals(t.id()))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Resource was not found."));
    }

    public Resource updateResource(String id, ResourceInput in) {
        Resource old = resource(id);
        DataTable t = old.table();
        store.updateTable(new DataTable(
                t.id(),
                t.appId(),
                t.datasourceId(),
                in.name(),
                t.slug(),
                in.description(),
                t.jsonSchema(),
                t.schemaHash(),
                t.physicalName(),
                t.resourceId(),
                t.materialized(),
                t.createdAt(),
                catalog.now(),
                null));
        store.setCkanFields(t.id(), in.fields().toString());
        return resource(id);
    }

    /** Soft-deletes the resource; its datastore table stays until the catalog purges it. */
    public void deleteResource(String id) {
        Resource r = resource(id);
        store.softDelete(Kind.DATATABLE, r.table().id(), UUID.randomUUID().toString(), catalog.now());
    }

    /**
     * A new data table for a resource: no Table Schema yet (its columns come from its first
     * {@code datastore_create}), not materialised, reached by a new UUID as its resource id.
     */
    private DataTable insertResource(DataSource source, ResourceInput in) {
        String id = UUID.randomUUID().toString();
        String resourceId = UUID.randomUUID().toString();
        JsonNode schema = JsonMappers.standard().readTree(EMPTY_SCHEMA);
        DataTable t = new DataTable(
                id,
                source.appId(),
                source.id(),
                in.name(),
                "resource-" + resourceId,
                in.description(),
                schema,
                sha256(EMPTY_SCHEMA),
                resourceId,
                resourceId,
                false,
                catalog.now(),
                catalog.now(),
                null);
        try {
            store.insertTable(t);
        } catch (SlugTakenException e) {
            throw ApiException.of(ErrorCode.INTERNAL, "a new resource id clashed; try again", e);
        }
        store.setCkanFields(id, in.fields().toString());
        return t;
    }

    // ---- helpers

    private App owner(@Nullable String ownerOrg) {
        if (ownerOrg == null) {
            return catalog.defaultApp();
        }
        return store.app(ownerOrg)
                .filter(App::active)
                .orElseThrow(() -> ApiException.validation("owner_org", "Organization does not exist"));
    }

    private static String title(PackageFields fields, String name) {
        String t = fields.title();
        return t == null || t.isEmpty() ? name : t;
    }

    private Package view(DataSource d) {
        App app = store.app(d.appId()).orElseThrow(() -> ApiException.notFound("Group not found"));
        PackageFields fields = store.ckanFields(d.id())
                .map(j -> PackageFields.fromJson(JsonMappers.standard().readTree(j)))
                .orElse(PackageFields.EMPTY);
        List<Resource> resources = new ArrayList<>();
        if (d.active()) {
            CatalogFilter onlyThis = new CatalogFilter(null, null, d.id(), null, CatalogFilter.MAX_LIMIT, 0);
            List<DataTable> list =
                    new ArrayList<>(store.tables(app.id(), onlyThis).items());
            list.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
            for (DataTable t : list) {
                ObjectNode f = store.ckanFields(t.id())
                        .map(j -> (ObjectNode) JsonMappers.standard().readTree(j))
                        .orElseGet(() -> JsonMappers.standard().createObjectNode());
                boolean exists = tables.find(t.resourceId()).isPresent();
                resources.add(new Resource(t, f, resources.size(), exists));
            }
        }
        return new Package(d, app, fields, resources);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
