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
import datastore.schemas.catalog.CatalogPage;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataSourceChange;
import datastore.schemas.catalog.ProviderType;
import datastore.schemas.catalog.SchemaOperation;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog's apps and data sources, for every surface that shows them (the catalog API, CKAN's
 * organizations and packages): create, find, list, replace, patch, soft delete, restore and purge,
 * each recorded in the audit trail. Inactive records answer 410; unknown ones 404. A slug derived from
 * a name gets {@code -2}, {@code -3}, … when taken; an explicit slug that is taken is a 409.
 */
public final class CatalogService {
    /** The app that records made without one belong to (CKAN REST packages), created on first use. */
    public static final String DEFAULT_APP = "default";

    private static final int SLUG_ATTEMPTS = 100;

    private final CatalogStore store;
    private final Clock clock;
    private final DataTables tables;

    public CatalogService(CatalogStore store, Tables datastore, WriteService write, Clock clock) {
        this.store = Objects.requireNonNull(store, "store is null");
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.tables = new DataTables(this, store, datastore, write);
    }

    /** The data tables of this catalog. */
    public DataTables tables() {
        return tables;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- apps

    public App createApp(AppChange change, String actor) {
        String name = Objects.requireNonNull(change.name(), "name is null");
        Instant now = now();
        String id = UUID.randomUUID().toString();
        App app = withSlug(
                change.slug(),
                Slugs.derive(name, "app"),
                slug -> new App(
                        id, name, slug, Objects.requireNonNullElse(change.description(), ""), 0, 0, now, now, null),
                store::insertApp,
                "an app");
        record(app.id(), "app", app.id(), "create", actor, diff("slug", app.slug()));
        return app;
    }

    /** The active app with this slug (or id): 404 when unknown, 410 when deleted. */
    public App app(String slug) {
        App app = store.app(slug).orElseThrow(() -> ApiException.notFound("app \"" + slug + "\""));
        if (!app.active()) {
            throw gone("app \"" + slug + "\"");
        }
        return app;
    }

    /** The {@value #DEFAULT_APP} app, created on first use. */
    public App defaultApp() {
        Optional<App> found = store.app(DEFAULT_APP);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return createApp(new AppChange("Default", DEFAULT_APP, "Data sources created without an app"), "system");
        } catch (ApiException e) {
            // Another request created it first.
            return store.app(DEFAULT_APP).orElseThrow(() -> e);
        }
    }

    public CatalogPage<App> apps(CatalogFilter filter) {
        return store.apps(filter);
    }

    /** Replaces ({@code full}) or patches an app; its slug changes only when one is given. */
    public App updateApp(String slug, AppChange change, boolean full, String actor) {
        App old = app(slug);
        App updated = new App(
                old.id(),
                Objects.requireNonNullElse(change.name(), old.name()),
                Objects.requireNonNullElse(change.slug(), old.slug()),
                full
                        ? Objects.requireNonNullElse(change.description(), "")
                        : Objects.requireNonNullElse(change.description(), old.description()),
                old.datasourceCount(),
                old.tableCount(),
                old.createdAt(),
                now(),
                null);
        try {
            store.updateApp(updated);
        } catch (SlugTakenException e) {
            throw slugTaken("an app", updated.slug());
        }
        record(old.id(), "app", old.id(), full ? "replace" : "patch", actor, changes(old, updated));
        return app(updated.id());
    }

    public void deleteApp(String slug, String actor) {
        App app = app(slug);
        store.softDelete(Kind.APP, app.id(), UUID.randomUUID().toString(), now());
        record(app.id(), "app", app.id(), "delete", actor, empty());
    }

    /** Brings back what the app's delete took (not what was deleted separately before it). */
    public App restoreApp(String slug, String actor) {
        App app = store.app(slug).orElseThrow(() -> ApiException.notFound("app \"" + slug + "\""));
        if (app.active()) {
            throw ApiException.of(ErrorCode.CONFLICT, "app \"" + slug + "\" is not deleted");
        }
        store.restore(Objects.requireNonNull(app.deletionId()));
        record(app.id(), "app", app.id(), "restore", actor, empty());
        return app(app.id());
    }

    /** Deletes the app for good, with its data sources, tables and their datastore tables. */
    public void purgeApp(String slug, String actor) {
        App app = store.app(slug).orElseThrow(() -> ApiException.notFound("app \"" + slug + "\""));
        tables.dropAll(store.tablesUnder(Kind.APP, app.id()));
        store.purge(Kind.APP, app.id());
        record(app.id(), "app", app.id(), "purge", actor, empty());
    }

    // ---- data sources

    public DataSource createDataSource(String appSlug, DataSourceChange change, String actor) {
        App app = app(appSlug);
        String name = Objects.requireNonNull(change.name(), "name is null");
        ProviderType provider = Objects.requireNonNull(change.providerType(), "providerType is null");
        Instant now = now();
        String id = UUID.randomUUID().toString();
        ObjectNode config = change.providerConfig() != null
                ? change.providerConfig()
                : JsonMappers.standard().createObjectNode();
        DataSource source = withSlug(
                change.slug(),
                Slugs.derive(name, "datasource"),
                slug -> new DataSource(
                        id,
                        app.id(),
                        app.slug(),
                        name,
                        slug,
                        provider,
                        config,
                        Objects.requireNonNullElse(change.description(), ""),
                        0,
                        now,
                        now,
                        null),
                store::insertDataSource,
                "a data source");
        record(app.id(), "datasource", id, "create", actor, diff("slug", source.slug()));
        return source;
    }

    /** The active data source {@code slug} of the active app {@code appSlug}: 404 unknown, 410 deleted. */
    public DataSource dataSource(String appSlug, String slug) {
        App app = app(appSlug);
        DataSource source = store.dataSource(slug)
                .filter(d -> d.appId().equals(app.id()))
                .orElseThrow(() -> ApiException.notFound("data source \"" + slug + "\" in app \"" + appSlug + "\""));
        if (!source.active()) {
            throw gone("data source \"" + slug + "\"");
        }
        return source;
    }

    /** A data source by its instance-wide slug (or id), whatever its app: CKAN's package_show. */
    public DataSource dataSource(String slug) {
        DataSource source =
                store.dataSource(slug).orElseThrow(() -> ApiException.notFound("data source \"" + slug + "\""));
        if (!source.active()) {
            throw gone("data source \"" + slug + "\"");
        }
        return source;
    }

    public CatalogPage<DataSource> dataSources(String appSlug, CatalogFilter filter) {
        return store.dataSources(app(appSlug).id(), filter);
    }

    /** Replaces or patches a data source; its provider cannot change (its tables are built for it). */
    public DataSource updateDataSource(
            String appSlug, String slug, DataSourceChange change, boolean full, String actor) {
        DataSource old = dataSource(appSlug, slug);
        if (change.providerType() != null && change.providerType() != old.providerType()) {
            throw ApiException.validation(
                    "provider_type",
                    "cannot change from " + old.providerType().label() + " on an existing data source");
        }
        DataSource updated = new DataSource(
                old.id(),
                old.appId(),
                old.appSlug(),
                Objects.requireNonNullElse(change.name(), old.name()),
                Objects.requireNonNullElse(change.slug(), old.slug()),
                old.providerType(),
                change.providerConfig() != null
                        ? change.providerConfig()
                        : full ? JsonMappers.standard().createObjectNode() : old.providerConfig(),
                full
                        ? Objects.requireNonNullElse(change.description(), "")
                        : Objects.requireNonNullElse(change.description(), old.description()),
                old.tableCount(),
                old.createdAt(),
                now(),
                null);
        try {
            store.updateDataSource(updated);
        } catch (SlugTakenException e) {
            throw slugTaken("a data source", updated.slug());
        }
        record(old.appId(), "datasource", old.id(), full ? "replace" : "patch", actor, empty());
        return dataSource(appSlug, updated.slug());
    }

    public void deleteDataSource(String appSlug, String slug, String actor) {
        DataSource source = dataSource(appSlug, slug);
        store.softDelete(Kind.DATASOURCE, source.id(), UUID.randomUUID().toString(), now());
        record(source.appId(), "datasource", source.id(), "delete", actor, empty());
    }

    public DataSource restoreDataSource(String appSlug, String slug, String actor) {
        App app = app(appSlug);
        DataSource source = store.dataSource(slug)
                .filter(d -> d.appId().equals(app.id()))
                .orElseThrow(() -> ApiException.notFound("data source \"" + slug + "\" in app \"" + appSlug + "\""));
        if (source.active()) {
            throw ApiException.of(ErrorCode.CONFLICT, "data source \"" + slug + "\" is not deleted");
        }
        store.restore(Objects.requireNonNull(source.deletionId()));
        record(app.id(), "datasource", source.id(), "restore", actor, empty());
        return dataSource(appSlug, slug);
    }

    public void purgeDataSource(String appSlug, String slug, String actor) {
        App app = app(appSlug);
        DataSource source = store.dataSource(slug)
                .filter(d -> d.appId().equals(app.id()))
                .orElseThrow(() -> ApiException.notFound("data source \"" + slug + "\" in app \"" + appSlug + "\""));
        tables.dropAll(store.tablesUnder(Kind.DATASOURCE, source.id()));
        store.purge(Kind.DATASOURCE, source.id());
        record(app.id(), "datasource", source.id(), "purge", actor, empty());
    }

    // ---- audit trail

    public CatalogPage<SchemaOperation> operations(String appSlug, int limit, int offset) {
        return store.operations(app(appSlug).id(), null, limit, offset);
    }

    void record(String appId, String targetType, String targetId, String operation, String actor, JsonNode diff) {
        store.insertOperation(new SchemaOperation(
                UUID.randomUUID().toString(),
                appId,
                targetType,
                targetId,
                operation,
                actor,
                now(),
                SchemaOperation.APPLIED,
                null,
                null,
                diff,
                null));
    }

    // ---- helpers

    /**
     * Inserts the record {@code build} makes for a slug: the explicit one (a clash is a 409), or the
     * derived one and then its {@code -2}, {@code -3}, … variants until the database takes one.
     */
    <T> T withSlug(
            @Nullable String explicit, String derived, Function<String, T> build, Consumer<T> insert, String what) {
        if (explicit != null) {
            T record = build.apply(explicit);
            try {
                insert.accept(record);
                return record;
            } catch (SlugTakenException e) {
                throw slugTaken(what, explicit);
            }
        }
        for (int n = 1; n <= SLUG_ATTEMPTS; n++) {
            T record = build.apply(Slugs.candidate(derived, n));
            try {
                insert.accept(record);
                return record;
            } catch (SlugTakenException e) {
                // Taken: try the next suffix.
            }
        }
        throw slugTaken(what, derived);
    }

    static ApiException slugTaken(String what, String slug) {
        return ApiException.of(
                ErrorCode.CONFLICT,
                "the slug \"" + slug + "\" is taken by " + what
                        + " (send another \"slug\", or none to get a free one)");
    }

    static ApiException gone(String what) {
        return ApiException.of(ErrorCode.GONE, what + " was deleted (POST …/restore/ brings it back)");
    }

    static ObjectNode empty() {
        return JsonMappers.standard().createObjectNode();
    }

    static ObjectNode diff(String key, String value) {
        return empty().put(key, value);
    }

    private static ObjectNode changes(App before, App after) {
        ObjectNode o = empty();
        if (!before.name().equals(after.name())) {
            o.putObject("name").put("from", before.name()).put("to", after.name());
        }
        if (!before.slug().equals(after.slug())) {
            o.putObject("slug").put("from", before.slug()).put("to", after.slug());
        }
        if (!before.description().equals(after.description())) {
            o.putObject("description").put("from", before.description()).put("to", after.description());
        }
        return o;
    }
}
