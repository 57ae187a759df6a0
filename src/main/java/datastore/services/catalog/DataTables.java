package datastore.services.catalog;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.infrastructure.catalog.CatalogStore;
import datastore.infrastructure.catalog.CatalogStore.Kind;
import datastore.infrastructure.catalog.SlugTakenException;
import datastore.schemas.catalog.App;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.CatalogPage;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.catalog.ProviderType;
import datastore.schemas.catalog.SchemaOperation;
import datastore.schemas.catalog.TableChange;
import datastore.schemas.frictionless.ColumnTypes;
import datastore.schemas.frictionless.ForeignKey;
import datastore.schemas.frictionless.InvalidSchemaException;
import datastore.schemas.frictionless.SchemaField;
import datastore.schemas.frictionless.SchemaProblem;
import datastore.schemas.frictionless.TableSchema;
import datastore.schemas.frictionless.TableSchemas;
import datastore.schemas.types.FieldType;
import datastore.schemas.write.FieldSpec;
import datastore.schemas.write.TableDesign;
import datastore.services.auth.Principal;
import datastore.services.tables.TableRef;
import datastore.services.tables.Tables;
import datastore.services.write.WriteService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The catalog's data tables and the datastore tables behind them: create (schema checked, every problem
 * with its JSON pointer), materialise, find, list, change (a schema change is a migration, see
 * {@link SchemaMigration}), soft delete, restore and purge. A {@code flat_table} table has a typed column
 * per field and the primary key as its unique key; a {@code jsonb} table is {@code (id, document)}.
 */
public final class DataTables {
    /** The columns of a {@code jsonb} data source's tables. */
    static final String JSONB_ID = "id";

    static final String JSONB_DOCUMENT = "document";

    private final CatalogService catalog;
    private final CatalogStore store;
    private final Tables tables;
    private final WriteService write;
    private final SchemaMigration migration;

    /** The store, for the CKAN face's fields kept beside the catalog's own records. */
    CatalogStore store() {
        return store;
    }

    DataTables(
            CatalogService catalog, CatalogStore store, Tables tables, WriteService write, SchemaMigration migration) {
        this.catalog = catalog;
        this.store = Objects.requireNonNull(store, "store is null");
        this.tables = Objects.requireNonNull(tables, "tables is null");
        this.write = Objects.requireNonNull(write, "write is null");
        this.migration = Objects.requireNonNull(migration, "migration is null");
    }

    /** A data table with what its datastore table holds now. */
    public record View(DataTable table, DataSource source, long rowCount) {}

    public View view(DataTable table, DataSource source) {
        return new View(table, source, rowCount(table));
    }

    /** The rows in a table's datastore table now; 0 when it is not materialised. */
    public long rowCount(DataTable table) {
        return datastoreTable(table).map(TableRef::rowCount).orElse(0L);
    }

    Optional<TableRef> datastoreTable(DataTable table) {
        return tables.find(table.resourceId()).filter(t -> !t.viaAlias());
    }

    /** Creates a table in a data source; materialises it unless {@code change.materialize()} is false. */
    public View create(String appSlug, String sourceSlug, TableChange change, String actor) {
        DataSource source = catalog.dataSource(appSlug, sourceSlug);
        App app = catalog.app(appSlug);
        String name = Objects.requireNonNull(change.name(), "name is null");
        JsonNode schemaJson = Objects.requireNonNull(change.jsonSchema(), "jsonSchema is null");
        TableSchema schema = readSchema(schemaJson);
        checkForeignKeys(app, schema, change.slug() != null ? change.slug() : Slugs.derive(name, "table"));
        Instant now = catalog.now();
        String id = UUID.randomUUID().toString();
        String hash = TableSchemas.hash(schemaJson);
        DataTable table = catalog.withSlug(
                change.slug(),
                Slugs.derive(name, "table"),
                slug -> {
                    String physical = Slugs.physicalName(app.slug(), slug);
                    return new DataTable(
                            id,
                            app.id(),
                            source.id(),
                            name,
                            slug,
                            Objects.requireNonNullElse(change.description(), ""),
                            schemaJson,
                            hash,
                            physical,
                            physical,
                            false,
                            now,
                            now,
                            null);
                },
                this::insertUnlessTableExists,
                "a data table of app \"" + app.slug() + "\"");
        record(table, "create", actor, null, hash, CatalogService.diff("physical_name", table.physicalName()));
        if (change.materialize()) {
            try {
                table = materialize(table, source, schema, actor);
            } catch (RuntimeException e) {
                // A table that cannot be built is not kept half made.
                store.purge(Kind.DATATABLE, table.id());
                throw e;
            }
        }
        return view(table, source);
    }

    /** The datastore may already hold a table of that name (made through another surface): not ours. */
    private void insertUnlessTableExists(DataTable table) {
        if (tables.find(table.resourceId()).isPresent()) {
            throw new SlugTakenException(
                    "datastore table " + table.resourceId() + " exists", new IllegalStateException());
        }
        store.insertTable(table);
    }

    static TableSchema readSchema(JsonNode json) {
        try {
            return TableSchemas.read(json);
        } catch (InvalidSchemaException e) {
            throw schemaProblems(e.problems());
        }
    }

    static ApiException schemaProblems(List<SchemaProblem> problems) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (SchemaProblem p : problems) {
            fields.computeIfAbsent("json_schema" + p.pointer(), k -> new ArrayList<>())
                    .add(p.message());
        }
        return ApiException.validation(fields);
    }

    /** Foreign keys may point at the table itself or at another table of the same app. */
    private void checkForeignKeys(App app, TableSchema schema, String ownSlug) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (int i = 0; i < schema.foreignKeys().size(); i++) {
            ForeignKey fk = schema.foreignKeys().get(i);
            if (fk.resource().isEmpty() || fk.resource().equals(ownSlug)) {
                continue;
            }
            boolean found = store.tables(app.id(), CatalogFilter.all()).items().stream()
                    .anyMatch(t -> t.slug().equals(fk.resource()));
            if (!found) {
                problems.put(
                        "json_schema/foreignKeys/" + i + "/reference/resource",
                        List.of("no data table \"" + fk.resource() + "\" in app \"" + app.slug() + "\""));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    /** Builds the table's datastore table (409 when it exists already). */
    public View materialize(String appSlug, String sourceSlug, String tableSlug, String actor) {
        DataSource source = catalog.dataSource(appSlug, sourceSlug);
        DataTable table = table(source, tableSlug);
        if (table.materialized()) {
            throw ApiException.of(ErrorCode.CONFLICT, "data table \"" + tableSlug + "\" is materialised already");
        }
        return view(materialize(table, source, readSchema(table.jsonSchema()), actor), source);
    }

    private DataTable materialize(DataTable table, DataSource source, TableSchema schema, String actor) {
        write.create(table.resourceId(), null, design(source.providerType(), schema), Principal.OPEN);
        DataTable done = table.withMaterialized(true, catalog.now());
        store.updateTable(done);
        record(done, "materialize", actor, done.schemaHash(), done.schemaHash(), CatalogService.empty());
        return done;
    }

    static TableDesign design(ProviderType provider, TableSchema schema) {
        return switch (provider) {
            case FLAT_TABLE -> {
                List<FieldSpec> fields = new ArrayList<>();
                for (SchemaField f : schema.fields()) {
                    fields.add(spec(f.name(), ColumnTypes.ckanType(f)));
                }
                yield new TableDesign(
                        fields,
                        List.of(),
                        schema.primaryKey().isEmpty() ? null : schema.primaryKey(),
                        null,
                        null,
                        false);
            }
            case JSONB ->
                new TableDesign(
                        List.of(spec(JSONB_ID, "text"), spec(JSONB_DOCUMENT, "json")),
                        List.of(),
                        List.of(JSONB_ID),
                        null,
                        null,
                        false);
        };
    }

    static FieldSpec spec(String name, String ckanType) {
        FieldType type =
                FieldType.parse(ckanType).orElseThrow(() -> new IllegalStateException("no datastore type " + ckanType));
        return new FieldSpec(name, type, ckanType, null);
    }

    /** The active table {@code slug} (or id) of a data source: 404 unknown, 410 deleted. */
    DataTable table(DataSource source, String slug) {
        DataTable t = store.table(source.id(), slug)
                .orElseThrow(() ->
                        ApiException.notFound("data table \"" + slug + "\" in data source \"" + source.slug() + "\""));
        if (!t.active()) {
            throw CatalogService.gone("data table \"" + slug + "\"");
        }
        return t;
    }

    public View get(String appSlug, String sourceSlug, String tableSlug) {
        DataSource source = catalog.dataSource(appSlug, sourceSlug);
        return view(table(source, tableSlug), source);
    }

    /** The active data table whose datastore table is {@code resourceId}, if any: CKAN's resource_show. */
    public Optional<DataTable> byResourceId(String resourceId) {
        return store.tableByResourceId(resourceId).filter(DataTable::active);
    }

    /** A data source's tables, or (with {@code sourceSlug} null) an app's, across its data sources. */
    public CatalogPage<View> list(String appSlug, @Nullable String sourceSlug, CatalogFilter filter) {
        App app = catalog.app(appSlug);
        CatalogFilter f = filter;
        if (sourceSlug != null) {
            DataSource source = catalog.dataSource(appSlug, sourceSlug);
            f = new CatalogFilter(
                    filter.q(), null, source.id(), filter.materialized(), filter.limit(), filter.offset());
        }
        CatalogPage<DataTable> page = store.tables(app.id(), f);
        Map<String, DataSource> sources = new LinkedHashMap<>();
        List<View> views = new ArrayList<>();
        for (DataTable t : page.items()) {
            DataSource s = sources.computeIfAbsent(
                    t.datasourceId(), id -> store.dataSource(id).orElseThrow());
            views.add(view(t, s));
        }
        return new CatalogPage<>(views, page.count());
    }

    /**
     * Replaces ({@code full}) or patches a table; a new {@code json_schema} on a materialised
     * {@code flat_table} table migrates its datastore table (see {@link SchemaMigration}), and every
     * schema change, applied or refused, is in the audit trail.
     */
    public View update(
            String appSlug, String sourceSlug, String tableSlug, TableChange change, boolean full, String actor) {
        DataSource source = catalog.dataSource(appSlug, sourceSlug);
        DataTable old = table(source, tableSlug);
        JsonNode schemaJson = change.jsonSchema() != null ? change.jsonSchema() : old.jsonSchema();
        String hash = TableSchemas.hash(schemaJson);
        boolean schemaChanged = !hash.equals(old.schemaHash());
        JsonNode diff = CatalogService.empty();
        if (schemaChanged || !change.renames().isEmpty()) {
            try {
                TableSchema after = readSchema(schemaJson);
                checkForeignKeys(catalog.app(appSlug), after, old.slug());
                if (source.providerType() == ProviderType.FLAT_TABLE && old.materialized()) {
                    diff = migration.migrate(
                            datastoreTable(old)
                                    .orElseThrow(() -> ApiException.of(
                                            ErrorCode.CONFLICT,
                                            "the datastore table " + old.resourceId() + " is missing")),
                            readSchema(old.jsonSchema()),
                            after,
                            change.renames(),
                            change.allowDataLoss());
                } else {
                    diff = migration.describe(readSchema(old.jsonSchema()), after, change.renames());
                }
            } catch (ApiException e) {
                store.insertOperation(operation(
                        old,
                        "schema_change",
                        actor,
                        SchemaOperation.FAILED,
                        old.schemaHash(),
                        hash,
                        failure(e),
                        e.getMessage()));
                throw e;
            }
        }
        DataTable updated = new DataTable(
                old.id(),
                old.appId(),
                old.datasourceId(),
                Objects.requireNonNullElse(change.name(), old.name()),
                old.slug(),
                full
                        ? Objects.requireNonNullElse(change.description(), "")
                        : Objects.requireNonNullElse(change.description(), old.description()),
                schemaJson,
                hash,
                old.physicalName(),
                old.resourceId(),
                old.materialized(),
                old.createdAt(),
                catalog.now(),
                null);
        store.updateTable(updated);
        record(
                updated,
                schemaChanged ? "schema_change" : full ? "replace" : "patch",
                actor,
                old.schemaHash(),
                hash,
                diff);
        return view(updated, source);
    }

    private static JsonNode failure(ApiException e) {
        var o = CatalogService.empty();
        var fields = o.putObject("refused");
        e.fieldErrors().forEach((k, v) -> v.forEach(fields.putArray(k)::add));
        return o;
    }

    public void delete(String appSlug, String sourceSlug, String tableSlug, String actor) {
        DataTable t = table(catalog.dataSource(appSlug, sourceSlug), tableSlug);
        store.softDelete(Kind.DATATABLE, t.id(), UUID.randomUUID().toString(), catalog.now());
        record(t, "delete", actor, t.schemaHash(), t.schemaHash(), CatalogService.empty());
    }

    public View restore(String appSlug, String sourceSlug, String tableSlug, String actor) {
        DataSource source = catalog.dataSource(appSlug, sourceSlug);
        DataTable t = store.table(source.id(), tableSlug)
                .orElseThrow(() -> ApiException.notFound("data table \"" + tableSlug + "\""));
        if (t.active()) {
            throw ApiException.of(ErrorCode.CONFLICT, "data table \"" + tableSlug + "\" is not deleted");
        }
        store.restore(Objects.requireNonNull(t.deletionId()));
        record(t, "restore", actor, t.schemaHash(), t.schemaHash(), CatalogService.empty());
        return get(appSlug, sourceSlug, tableSlug);
    }

    public void purge(String appSlug, String sourceSlug, String tableSlug, String actor) {
        DataSource source = catalog.dataSource(appSlug, sourceSlug);
        DataTable t = store.table(source.id(), tableSlug)
                .orElseThrow(() -> ApiException.notFound("data table \"" + tableSlug + "\""));
        dropAll(List.of(t));
        store.purge(Kind.DATATABLE, t.id());
        record(t, "purge", actor, t.schemaHash(), null, CatalogService.empty());
    }

    /** A table's audit trail, newest first. */
    public CatalogPage<SchemaOperation> operations(
            String appSlug, String sourceSlug, String tableSlug, int limit, int offset) {
        DataTable t = table(catalog.dataSource(appSlug, sourceSlug), tableSlug);
        return store.operations(t.appId(), t.id(), limit, offset);
    }

    /** Drops the datastore tables of {@code doomed} (a purge); the catalog rows go separately. */
    void dropAll(List<DataTable> doomed) {
        for (DataTable t : doomed) {
            datastoreTable(t).ifPresent(ref -> write.delete(ref, null, Principal.OPEN));
        }
    }

    private void record(
            DataTable t,
            String operation,
            String actor,
            @Nullable String before,
            @Nullable String after,
            JsonNode diff) {
        store.insertOperation(operation(t, operation, actor, SchemaOperation.APPLIED, before, after, diff, null));
    }

    private SchemaOperation operation(
            DataTable t,
            String operation,
            String actor,
            String status,
            @Nullable String before,
            @Nullable String after,
            JsonNode diff,
            @Nullable String message) {
        return new SchemaOperation(
                UUID.randomUUID().toString(),
                t.appId(),
                "datatable",
                t.id(),
                operation,
                actor,
                catalog.now(),
                status,
                before,
                after,
                diff,
                message);
    }
}
