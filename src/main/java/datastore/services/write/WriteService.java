package datastore.services.write;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.AlterTable;
import datastore.infrastructure.engines.ColumnDef;
import datastore.infrastructure.engines.CreateTable;
import datastore.infrastructure.engines.RowBatch;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.infrastructure.engines.WriteRows;
import datastore.schemas.query.Search;
import datastore.schemas.types.FieldType;
import datastore.schemas.validation.Names;
import datastore.schemas.write.FieldSpec;
import datastore.schemas.write.TableAlteration;
import datastore.schemas.write.TableDesign;
import datastore.schemas.write.WriteMethod;
import datastore.services.auth.Principal;
import datastore.services.catalog.CkanCatalog;
import datastore.services.catalog.ResourceCatalog;
import datastore.services.catalog.StandaloneCatalog;
import datastore.services.read.QueryPlanner;
import datastore.services.tables.TableRef;
import datastore.services.tables.TableShape;
import datastore.services.validation.CheckedRows;
import datastore.services.validation.OnInvalid;
import datastore.services.validation.SchemaGate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writes every surface shares: create or reshape a table from a {@link TableDesign}, insert, upsert
 * or update records, delete rows or drop the table; each all or nothing, with CKAN's rules.
 */
public final class WriteService {
    private final StorageEngine engine;
    private final ResourceCatalog catalog;
    private final SchemaGate gate;

    public WriteService(StorageEngine engine) {
        this(engine, new StandaloneCatalog());
    }

    public WriteService(StorageEngine engine, ResourceCatalog catalog) {
        this(engine, catalog, SchemaGate.none());
    }

    /** Every record written passes {@code gate}, which enforces the tables' Table Schemas. */
    public WriteService(StorageEngine engine, ResourceCatalog catalog, SchemaGate gate) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
        this.gate = Objects.requireNonNull(gate, "gate is null");
    }

    /** The schema gate every write passes (the catalog's validate endpoint asks it for dry runs). */
    public SchemaGate gate() {
        return gate;
    }

    /**
     * What a create did: the table's id and, for every declared field, the type name it got (as the
     * caller spelled it, or the guessed or existing type), which CKAN echoes.
     */
    public record Created(String id, Map<String, String> fieldTypes) {
        public Created {
            Objects.requireNonNull(id, "id is null");
            fieldTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fieldTypes));
        }
    }

    /**
     * Creates table {@code resourceId}, or reshapes it when it exists; with {@code resource} instead (a
     * CKAN resource dict) the catalog first makes a new resource for it, as CKAN's {@code resource_create}.
     * A new table marks its resource {@code datastore_active}.
     */
    public Created create(
            @Nullable String resourceId, @Nullable ObjectNode resource, TableDesign design, Principal caller) {
        if (resourceId == null && resource == null) {
            throw new IllegalArgumentException("a create needs a resource id or a resource");
        }
        String id = resourceId != null ? resourceId : catalog.createResource(Objects.requireNonNull(resource), caller);
        Optional<TableDef> found = engine.table(id);
        if (found.isPresent() && !found.get().id().equals(id)) {
            throw ApiException.validation("resource_id", "\"" + id + "\" is an alias; aliases are read-only");
        }
        TableDef existing = found.orElse(null);
        List<ColumnDef> columns = columns(design, existing);
        checkKeys(design, columns);
        if (design.aliases() != null) {
            checkAliases(id, design.aliases());
        }
        gate.check(id, existing, WriteMethod.INSERT, design.records(), OnInvalid.REJECT);
        TableDef shaped = new TableDef(id, columns, List.of(), List.of(), List.of(), 0);
        RowBatch records = RecordBatches.forInsert(shaped, design.records());
        engine.create(new CreateTable(
                id,
                existing,
                columns,
                records,
                design.primaryKey() == null
                        ? null
                        : design.primaryKey().stream().filter(s -> !s.isEmpty()).toList(),
                design.indexes() == null
                        ? null
                        : design.indexes().stream()
                                .filter(cols -> !cols.isEmpty())
                                .toList(),
                design.aliases()));
        if (existing == null) {
            catalog.datastoreActive(id, true, caller);
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (FieldSpec f : design.fields()) {
            types.put(f.id(), f.typeName() != null ? f.typeName() : echoedType(design, f.id(), columns));
        }
        return new Created(id, types);
    }

    private static void checkKeys(TableDesign design, List<ColumnDef> columns) {
        Set<String> names = new HashSet<>();
        columns.forEach(c -> names.add(c.id()));
        if (design.primaryKey() != null) {
            for (String k : design.primaryKey()) {
                if (!names.contains(k)) {
                    throw ApiException.validation("primary_key", "The field \"" + k + "\" is not a valid column name.");
                }
            }
        }
        if (design.indexes() != null) {
            for (List<String> cols : design.indexes()) {
                if (cols.stream().anyMatch(c -> !names.contains(c))) {
                    throw ApiException.validation(
                            "index", "The field \"" + String.join(",", cols) + "\" is not a valid column name.");
                }
            }
        }
    }

    /** Existing columns (types kept, info updated), then declared new ones, then new keys of records[0]. */
    private static List<ColumnDef> columns(TableDesign design, @Nullable TableDef existing) {
        Map<String, ColumnDef> out = new LinkedHashMap<>();
        Set<String> declared = new HashSet<>();
        design.fields().forEach(f -> declared.add(f.id()));
        if (existing != null) {
            for (ColumnDef c : existing.fields()) {
                if (design.deleteFields() && !declared.contains(c.id())) {
                    continue;
                }
                out.put(c.id(), c);
            }
        }
        ObjectNode first = design.records().isEmpty() ? null : design.records().get(0);
        List<String> notGuessable = new ArrayList<>();
        for (FieldSpec f : design.fields()) {
            ColumnDef current = out.get(f.id());
            if (current != null) {
                // CKAN silently ignores a changed type for an existing column.
                out.put(f.id(), f.info() != null ? current.withInfo(f.info()) : current);
                continue;
            }
            FieldType type = f.type();
            if (type == null) {
                JsonNode sample = first == null ? null : first.get(f.id());
                if (sample == null) {
                    notGuessable.add(f.id());
                    continue;
                }
                type = TypeGuesser.guess(sample);
            }
            out.put(f.id(), new ColumnDef(f.id(), type, f.info()));
        }
        if (!notGuessable.isEmpty()) {
            throw ApiException.validation(Map.of(
                    "fields",
                    notGuessable.stream()
                            .map(id -> "\"" + id + "\" type not guessable")
                            .toList()));
        }
        if (first != null) {
            for (Map.Entry<String, JsonNode> e : first.properties()) {
                String key = e.getKey();
                if (!out.containsKey(key) && !key.equals(ColumnDef.ID.id())) {
                    if (!Names.isValidField(key)) {
                        throw ApiException.validation("fields", "\"" + key + "\" is not a valid field name");
                    }
                    out.put(key, new ColumnDef(key, TypeGuesser.guess(e.getValue()), null));
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

    /** A type-less field echoes the name CKAN's guess gave it, or the existing column's type. */
    private static String echoedType(TableDesign design, String id, List<ColumnDef> columns) {
        if (!design.records().isEmpty() && design.records().get(0).has(id)) {
            return TypeGuesser.guessName(design.records().get(0).get(id));
        }
        return columns.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .map(c -> c.type().typname())
                .orElse("text");
    }

    /**
     * Reshapes {@code table} as {@code alteration} says, in one engine transaction: renames, added,
     * dropped and retyped columns, their order and data dictionary, the primary key, then the table's
     * id. Returns the table's shape afterwards (with no engine call when nothing would change).
     */
    public TableShape alter(TableRef table, TableAlteration alteration) {
        TableDef def = writable(table);
        List<AlterTable.Column> columns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> froms = new HashSet<>();
        for (TableAlteration.Field f : alteration.fields()) {
            Names.fieldProblem(f.id()).ifPresent(problem -> {
                throw ApiException.validation("fields", "\"" + f.id() + "\" is not a valid field name: " + problem);
            });
            if (!ids.add(f.id())) {
                throw ApiException.validation("fields", "\"" + f.id() + "\" is listed twice");
            }
            String from = f.from();
            if (from != null && (def.field(from).isEmpty() || !froms.add(from))) {
                throw ApiException.validation("fields", "\"" + from + "\" is not a column of " + def.id());
            }
            columns.add(new AlterTable.Column(from, new ColumnDef(f.id(), f.type(), f.info())));
        }
        if (alteration.primaryKey() != null) {
            for (String k : alteration.primaryKey()) {
                if (!ids.contains(k)) {
                    throw ApiException.validation("primary_key", "The field \"" + k + "\" is not a valid column name.");
                }
            }
        }
        String to =
                alteration.renameTo() == null || alteration.renameTo().equals(def.id()) ? null : alteration.renameTo();
        if (to != null) {
            checkRename(to);
        }
        AlterTable command = new AlterTable(def, columns, alteration.primaryKey(), to);
        boolean unchanged = to == null
                && command.renames().isEmpty()
                && command.fields().equals(def.fields())
                && command.newPrimaryKey().equals(def.primaryKey());
        return TableShape.of(unchanged ? def : engine.alter(command));
    }

    private void checkRename(String to) {
        if (catalog instanceof CkanCatalog) {
            throw ApiException.validation("resource_id", "a table cannot be renamed while CKAN keeps the catalog");
        }
        Names.resourceIdProblem(to).ifPresent(problem -> {
            throw ApiException.validation("resource_id", "\"" + to + "\" is not a valid resource_id: " + problem);
        });
        if (engine.table(to).isPresent()) {
            throw ApiException.validation("resource_id", "\"" + to + "\" already exists");
        }
    }

    /** Writes {@code records} to {@code table} by {@code method}; all or nothing, nothing kept on a dry run. */
    public void upsert(TableRef table, WriteMethod method, List<ObjectNode> records, boolean dryRun) {
        upsert(table, method, records, dryRun, OnInvalid.REJECT);
    }

    /**
     * As {@link #upsert(TableRef, WriteMethod, List, boolean)}, but with {@link OnInvalid#SKIP} the records the
     * table's schema refuses are left out and returned, and the valid ones written.
     */
    public CheckedRows upsert(
            TableRef table, WriteMethod method, List<ObjectNode> records, boolean dryRun, OnInvalid onInvalid) {
        TableDef def = writable(table);
        CheckedRows checked = gate.check(def.id(), def, method, records, onInvalid);
        if (checked.accepted().isEmpty() && !records.isEmpty()) {
            return checked;
        }
        write(def, method, checked.accepted(), dryRun);
        return checked;
    }

    private void write(TableDef def, WriteMethod method, List<ObjectNode> records, boolean dryRun) {
        // Without a key nothing can conflict: insert-or-ignore is an insert.
        if (method == WriteMethod.INSERT_IGNORE && def.primaryKey().isEmpty()) {
            method = WriteMethod.INSERT;
        }
        List<WriteRows.Group> groups = method == WriteMethod.INSERT
                ? List.of(new WriteRows.Group(RecordBatches.forInsert(def, records), List.of()))
                : RecordBatches.forMerge(def, records, method);
        engine.write(new WriteRows(def, method, groups, dryRun));
    }

    /**
     * Deletes the rows of {@code table} that match every filter; with {@code filters} null, drops the
     * table and clears its resource's {@code datastore_active}.
     */
    public void delete(TableRef table, @Nullable List<Search.Filter> filters, Principal caller) {
        TableDef def = writable(table);
        if (filters == null) {
            engine.drop(def);
            catalog.datastoreActive(def.id(), false, caller);
            return;
        }
        engine.deleteRows(QueryPlanner.filtersOnly(def, filters));
    }

    /** Writes go to tables only; CKAN answers a write through an alias with 404. */
    private static TableDef writable(TableRef table) {
        if (table.viaAlias()) {
            throw ApiException.resourceNotFound(table.requestedName());
        }
        return table.def();
    }
}
