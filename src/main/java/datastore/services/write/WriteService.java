package datastore.services.write;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.SearchQuery;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.WriteRows;
import datastore.schemas.action.CreateRequest;
import datastore.schemas.action.DeleteRequest;
import datastore.schemas.action.FieldSpec;
import datastore.schemas.action.UpsertRequest;
import datastore.schemas.action.WriteMethod;
import datastore.schemas.types.FieldType;
import datastore.services.auth.Principal;
import datastore.services.catalog.ResourceCatalog;
import datastore.services.catalog.StandaloneCatalog;
import datastore.services.read.QueryPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The write actions: create, upsert, delete and records_delete, with CKAN's rules. */
public final class WriteService {
    private final StorageEngine engine;
    private final ResourceCatalog catalog;

    public WriteService(StorageEngine engine) {
        this(engine, new StandaloneCatalog());
    }

    public WriteService(StorageEngine engine, ResourceCatalog catalog) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
    }

    /**
     * {@code datastore_create} for {@code caller}: a {@code resource} dict first becomes a resource in the
     * catalog (CKAN's {@code resource_create}); a new table marks its resource {@code datastore_active}.
     */
    public ObjectNode create(CreateRequest req, Principal caller) {
        String id = req.resourceId()
                .orElseGet(() -> catalog.createResource(req.resource().orElseThrow(), caller));
        boolean existed = engine.table(id).isPresent();
        ObjectNode result = create(req, id);
        if (!existed) {
            catalog.datastoreActive(id, true, caller);
        }
        return result;
    }

    /** {@code datastore_delete} for {@code caller}: dropping the table clears its {@code datastore_active}. */
    public ObjectNode delete(DeleteRequest req, Principal caller) {
        ObjectNode result = delete(req);
        if (req.filters().isEmpty()) {
            catalog.datastoreActive(result.path("resource_id").asString(req.resourceId()), false, caller);
        }
        return result;
    }

    /** The id a create will write to: the given one, or a new one for a {@code resource} dict. */
    public String targetId(CreateRequest req) {
        return req.resourceId().orElseGet(() -> UUID.randomUUID().toString());
    }

    public ObjectNode create(CreateRequest req, String id) {
        Optional<TableDef> existing = engine.table(id);
        if (existing.isPresent() && !existing.get().id().equals(id)) {
            throw ApiException.validation("resource_id", "\"" + id + "\" is an alias; aliases are read-only");
        }
        List<ColumnDef> columns = columns(req, existing.orElse(null));
        Set<String> names = new HashSet<>();
        columns.forEach(c -> names.add(c.id()));
        req.primaryKey().ifPresent(pk -> pk.stream()
                .filter(k -> !names.contains(k))
                .findFirst()
                .ifPresent(k -> {
                    throw ApiException.validation("primary_key", "The field \"" + k + "\" is not a valid column name.");
                }));
        req.indexes().ifPresent(ix -> ix.stream()
                .filter(cols -> cols.stream().anyMatch(c -> !names.contains(c)))
                .findFirst()
                .ifPresent(cols -> {
                    throw ApiException.validation(
                            "index", "The field \"" + String.join(",", cols) + "\" is not a valid column name.");
                }));
        req.aliases().ifPresent(aliases -> checkAliases(id, aliases));
        TableDef shaped = new TableDef(id, columns, List.of(), List.of(), List.of(), 0);
        RowBatch records = RecordBatches.forInsert(shaped, req.records());
        engine.create(new CreateTable(
                id,
                existing.orElse(null),
                columns,
                records,
                req.primaryKey()
                        .map(pk -> pk.stream().filter(s -> !s.isEmpty()).toList())
                        .orElse(null),
                req.indexes()
                        .map(ix -> ix.stream().filter(cols -> !cols.isEmpty()).toList())
                        .orElse(null),
                req.aliases().orElse(null)));
        return createResult(req, id, columns);
    }

    /** Existing columns (types kept, info updated), then declared new ones, then new keys of records[0]. */
    private static List<ColumnDef> columns(CreateRequest req, TableDef existing) {
        Map<String, ColumnDef> out = new LinkedHashMap<>();
        Set<String> declared = new HashSet<>();
        req.fields().forEach(f -> declared.add(f.id()));
        if (existing != null) {
            for (ColumnDef c : existing.fields()) {
                if (req.deleteFields() && !declared.contains(c.id())) {
                    continue;
                }
                out.put(c.id(), c);
            }
        }
        JsonNode first = req.records().isEmpty() ? null : req.records().get(0);
        List<String> notGuessable = new ArrayList<>();
        for (FieldSpec f : req.fields()) {
            ColumnDef current = out.get(f.id());
            if (current != null) {
                // CKAN silently ignores a changed type for an existing column.
                out.put(f.id(), f.info() != null ? current.withInfo(f.info()) : current);
                continue;
            }
            Optional<FieldType> type = f.type();
            if (type.isEmpty()) {
                if (first == null || !first.has(f.id())) {
                    notGuessable.add(f.id());
                    continue;
                }
                type = Optional.of(TypeGuesser.guess(first.get(f.id())));
            }
            out.put(f.id(), new ColumnDef(f.id(), type.get(), f.info()));
        }
        if (!notGuessable.isEmpty()) {
            throw ApiException.validation(Map.of(
                    "fields",
                    notGuessable.stream()
                            .map(id -> "\"" + id + "\" type not guessable")
                            .toList()));
        }
        if (first != null) {
            for (String key : first.propertyNames()) {
                if (!out.containsKey(key) && !key.equals("_id")) {
                    if (!datastore.schemas.action.FieldNames.isValidField(key)) {
                        throw ApiException.validation("fields", "\"" + key + "\" is not a valid field name");
                    }
                    out.put(key, new ColumnDef(key, TypeGuesser.guess(first.get(key)), null));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private void checkAliases(String id, List<String> aliases) {
        for (String alias : aliases) {
            Optional<TableDef> target = engine.table(alias);
            if (target.isEmpty()) {
                continue;
            }
            if (target.get().id().equals(alias)) {
                throw ApiException.validation("alias", "\"" + alias + "\" already exists");
            }
            if (!target.get().id().equals(id)) {
                throw ApiException.validation("alias", "The alias \"" + alias + "\" already exists.");
            }
        }
    }

    private static ObjectNode createResult(CreateRequest req, String id, List<ColumnDef> columns) {
        ObjectNode result = req.params().objectNode();
        result.put("resource_id", id);
        if (req.resource().isPresent()) {
            ObjectNode resource = req.resource().get().deepCopy();
            resource.put("id", id);
            result.set("resource", resource);
        }
        if (req.fieldsGiven()) {
            ArrayNode fields = result.putArray("fields");
            for (FieldSpec f : req.fields()) {
                ObjectNode o = fields.addObject();
                o.put("id", f.id());
                o.put("type", f.typeName().orElseGet(() -> guessedName(req, f.id(), columns)));
                if (f.info() != null) {
                    o.set("info", f.info());
                }
            }
        }
        result.put("method", "insert");
        result.put("delete_fields", req.deleteFields());
        for (String key : List.of("primary_key", "indexes", "aliases", "calculate_record_count")) {
            if (req.params().has(key)) {
                result.set(key, req.params().get(key));
            }
        }
        return result;
    }

    /** A type-less field echoes the name CKAN's guess gave it, or the existing column's type. */
    private static String guessedName(CreateRequest req, String id, List<ColumnDef> columns) {
        if (!req.records().isEmpty() && req.records().get(0).has(id)) {
            return TypeGuesser.guessName(req.records().get(0).get(id));
        }
        return columns.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .map(c -> c.type().typname())
                .orElse("text");
    }

    public ObjectNode upsert(UpsertRequest req) {
        TableDef table = writableTable(req.resourceId());
        List<WriteRows.Group> groups = req.method() == WriteMethod.INSERT
                ? List.of(new WriteRows.Group(RecordBatches.forInsert(table, req.records()), List.of()))
                : RecordBatches.forMerge(table, req.records(), req.method());
        engine.write(new WriteRows(table, req.method(), groups, req.dryRun()));
        ObjectNode result = req.params().objectNode();
        result.put("resource_id", table.id());
        result.set("records", req.records());
        if (req.methodGiven()) {
            result.put("method", req.method().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (req.dryRun()) {
            result.put("dry_run", true);
        }
        return result;
    }

    public ObjectNode delete(DeleteRequest req) {
        TableDef table = writableTable(req.resourceId());
        ObjectNode result = req.params().objectNode();
        result.put("resource_id", table.id());
        if (req.filters().isEmpty()) {
            engine.drop(table);
            return result;
        }
        SearchQuery q = QueryPlanner.filtersOnly(table, req.filters().get());
        engine.deleteRows(q);
        ObjectNode filters = result.putObject("filters");
        req.filters().get().forEach(filters::set);
        return result;
    }

    /** The table a write to {@code id} changes: 404 for an alias or a missing table. */
    public String writableId(String id) {
        return writableTable(id).id();
    }

    /** Writes go to tables only; CKAN answers a write through an alias (or to nothing) with 404. */
    private TableDef writableTable(String id) {
        return engine.table(id)
                .filter(t -> t.id().equals(id))
                .orElseThrow(() -> ApiException.notFound("Resource \"" + id + "\" was not found."));
    }
}
