package datastore.infrastructure.catalog;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import datastore.infrastructure.engines.StorageEngine;
import datastore.schemas.catalog.App;
import datastore.schemas.catalog.CatalogFilter;
import datastore.schemas.catalog.CatalogPage;
import datastore.schemas.catalog.DataSource;
import datastore.schemas.catalog.DataTable;
import datastore.schemas.catalog.ProviderType;
import datastore.schemas.catalog.SchemaOperation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog store on the engine's own database, in schema {@value CatalogMigrations#SCHEMA}: plain
 * JDBC, one transaction per call. Slugs are unique by the database's constraints. On DuckDB, whose
 * concurrent writers fail on commit rather than wait, writes take a process-wide lock (its file belongs
 * to one process); PostgreSQL's writers wait for each other and the constraint decides.
 */
public final class JdbcCatalogStore implements CatalogStore {
    private static final String S = CatalogMigrations.SCHEMA + ".";
    private static final String APP_COLUMNS = "a.id, a.name, a.slug, a.description, a.created_at, a.updated_at,"
            + " a.deletion_id, (SELECT count(*) FROM " + S + "datasources d WHERE d.app_id = a.id AND d.deletion_id"
            + " IS NULL), (SELECT count(*) FROM " + S + "datatables t WHERE t.app_id = a.id AND t.deletion_id IS"
            + " NULL)";
    private static final String SOURCE_COLUMNS = "d.id, d.app_id, (SELECT slug FROM " + S
            + "apps a WHERE a.id = d.app_id), d.name, d.slug, d.provider_type, d.provider_config, d.description,"
            + " d.created_at, d.updated_at, d.deletion_id, (SELECT count(*) FROM " + S
            + "datatables t WHERE t.datasource_id = d.id AND t.deletion_id IS NULL)";
    private static final String TABLE_COLUMNS = "t.id, t.app_id, t.datasource_id, t.name, t.slug, t.description,"
            + " t.json_schema, t.schema_hash, t.physical_name, t.resource_id, t.is_materialized, t.created_at,"
            + " t.updated_at, t.deletion_id";

    private final StorageEngine engine;
    private final @Nullable ReentrantLock writes;

    private JdbcCatalogStore(StorageEngine engine, boolean serialiseWrites) {
        this.engine = engine;
        this.writes = serialiseWrites ? new ReentrantLock() : null;
    }

    /**
     * As {@link #open}, or null (logged) on an engine without a JDBC database of its own for the catalog
     * (Trino): the catalog surface is then not served.
     */
    public static @Nullable JdbcCatalogStore openIfSupported(StorageEngine engine) {
        try {
            return open(engine);
        } catch (UnsupportedOperationException e) {
            org.slf4j.LoggerFactory.getLogger(JdbcCatalogStore.class)
                    .atWarn()
                    .addKeyValue("engine", engine.name())
                    .log("the engine has no database for the catalog; /api/apps/ is not served");
            return null;
        }
    }

    /** Migrates the catalog schema in the engine's database and opens the store over it. */
    public static JdbcCatalogStore open(StorageEngine engine) {
        Objects.requireNonNull(engine, "engine is null");
        Connection opened;
        try {
            opened = engine.connection();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot reach the " + engine.name() + " database for the catalog: " + e.getMessage(), e);
        }
        try (Connection c = opened) {
            new CatalogMigrations().migrate(c);
            return new JdbcCatalogStore(engine, !CatalogMigrations.isPostgres(c));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot prepare the catalog in the " + engine.name() + " database: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = engine.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private <T> T write(Work<T> work) {
        if (writes != null) {
            writes.lock();
        }
        try (Connection c = engine.connection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            if (writes != null) {
                writes.unlock();
            }
        }
    }

    private static RuntimeException failure(SQLException e) {
        String m = String.valueOf(e.getMessage());
        String lower = m.toLowerCase(Locale.ROOT);
        if ("23505".equals(e.getSQLState()) || lower.contains("duplicate key") || lower.contains("unique constraint")) {
            return new SlugTakenException(m, e);
        }
        return ApiException.of(ErrorCode.INTERNAL, "the catalog store failed: " + m, e);
    }

    private static int update(Connection c, String sql, @Nullable Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        }
    }

    private static void bind(PreparedStatement p, @Nullable Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant at) {
                p.setTimestamp(i + 1, Timestamp.from(at));
            } else if (a == null) {
                p.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                p.setObject(i + 1, a);
            }
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(Connection c, String sql, RowReader<T> reader, @Nullable Object... args)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            try (ResultSet rs = p.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        }
    }

    private static long count(Connection c, String sql, @Nullable Object... args) throws SQLException {
        return query(c, sql, rs -> rs.getLong(1), args).get(0);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    // ---- apps

    @Override
    public void insertApp(App a) {
        write(c -> update(
                c,
                "INSERT INTO " + S + "apps (id, name, slug, description, created_at, updated_at) VALUES (?, ?, ?, ?,"
                        + " ?, ?)",
                a.id(),
                a.name(),
                a.slug(),
                a.description(),
                a.createdAt(),
                a.updatedAt()));
    }

    @Override
    public void updateApp(App a) {
        write(c -> update(
                c,
                "UPDATE " + S + "apps SET name = ?, slug = ?, description = ?, updated_at = ? WHERE id = ?",
                a.name(),
                a.slug(),
                a.description(),
                a.updatedAt(),
                a.id()));
    }

    @Override
    public Optional<App> app(String slugOrId) {
        return read(c -> query(
                        c,
                        "SELECT " + APP_COLUMNS + " FROM " + S + "apps a WHERE a.slug = ? OR a.id = ?",
                        JdbcCatalogStore::app,
                        slugOrId,
                        slugOrId)
                .stream()
                .findFirst());
    }

    private static App app(ResultSet rs) throws SQLException {
        return new App(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(8),
                rs.getLong(9),
                instant(rs, 5),
                instant(rs, 6),
                rs.getString(7));
    }

    @Override
    public CatalogPage<App> apps(CatalogFilter f) {
        Where w = new Where("a").active().q(f.q(), "name", "slug", "description");
        return read(c -> new CatalogPage<>(
                query(
                        c,
                        "SELECT " + APP_COLUMNS + " FROM " + S + "apps a" + w.sql() + " ORDER BY a.created_at, a.id"
                                + page(f),
                        JdbcCatalogStore::app,
                        w.args()),
                count(c, "SELECT count(*) FROM " + S + "apps a" + w.sql(), w.args())));
    }

    private static String page(CatalogFilter f) {
        // Validated integers, inlined: DuckDB plans LIMIT literals better than parameters.
        return " LIMIT " + f.limit() + " OFFSET " + f.offset();
    }

    // ---- data sources

    @Override
    public void insertDataSource(DataSource d) {
        write(c -> update(
                c,
                "INSERT INTO " + S + "datasources (id, app_id, name, slug, provider_type, provider_config,"
                        + " description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(),
                d.appId(),
                d.name(),
                d.slug(),
                d.providerType().label(),
                JsonMappers.standard().writeValueAsString(d.providerConfig()),
                d.description(),
                d.createdAt(),
                d.updatedAt()));
    }

    @Override
    public void updateDataSource(DataSource d) {
        write(c -> update(
                c,
                "UPDATE " + S + "datasources SET name = ?, slug = ?, provider_config = ?, description = ?,"
                        + " updated_at = ? WHERE id = ?",
                d.name(),
                d.slug(),
                JsonMappers.standard().writeValueAsString(d.providerConfig()),
                d.description(),
                d.updatedAt(),
                d.id()));
    }

    @Override
    public Optional<DataSource> dataSource(String slugOrId) {
        return read(c -> query(
                        c,
                        "SELECT " + SOURCE_COLUMNS + " FROM " + S + "datasources d WHERE d.slug = ? OR d.id = ?",
                        JdbcCatalogStore::dataSource,
                        slugOrId,
                        slugOrId)
                .stream()
                .findFirst());
    }

    private static DataSource dataSource(ResultSet rs) throws SQLException {
        return new DataSource(
                rs.getString(1),
                rs.getString(2),
                Objects.requireNonNullElse(rs.getString(3), ""),
                rs.getString(4),
                rs.getString(5),
                ProviderType.parse(rs.getString(6)).orElseThrow(),
                (ObjectNode) JsonMappers.standard().readTree(rs.getString(7)),
                rs.getString(8),
                rs.getLong(12),
                instant(rs, 9),
                instant(rs, 10),
                rs.getString(11));
    }

    @Override
    public CatalogPage<DataSource> dataSources(String appId, CatalogFilter f) {
        Where w = new Where("d").active().eq("app_id", appId).q(f.q(), "name", "slug", "description");
        if (f.providerType() != null) {
            w.eq("provider_type", f.providerType().label());
        }
        return read(c -> new CatalogPage<>(
                query(
                        c,
                        "SELECT " + SOURCE_COLUMNS + " FROM " + S + "datasources d" + w.sql()
                                + " ORDER BY d.created_at, d.id" + page(f),
                        JdbcCatalogStore::dataSource,
                        w.args()),
                count(c, "SELECT count(*) FROM " + S + "datasources d" + w.sql(), w.args())));
    }

    // ---- data tables

    @Override
    public void insertTable(DataTable t) {
        write(c -> update(
                c,
                "INSERT INTO " + S + "datatables (id, app_id, datasource_id, name, slug, description, json_schema,"
                        + " schema_hash, physical_name, resource_id, is_materialized, created_at, updated_at) VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(),
                t.appId(),
                t.datasourceId(),
                t.name(),
                t.slug(),
                t.description(),
                JsonMappers.standard().writeValueAsString(t.jsonSchema()),
                t.schemaHash(),
                t.physicalName(),
                t.resourceId(),
                t.materialized(),
                t.createdAt(),
                t.updatedAt()));
    }

    @Override
    public void updateTable(DataTable t) {
        write(c -> update(
                c,
                "UPDATE " + S + "datatables SET name = ?, description = ?, json_schema = ?, schema_hash = ?,"
                        + " is_materialized = ?, updated_at = ? WHERE id = ?",
                t.name(),
                t.description(),
                JsonMappers.standard().writeValueAsString(t.jsonSchema()),
                t.schemaHash(),
                t.materialized(),
                t.updatedAt(),
                t.id()));
    }

    @Override
    public Optional<DataTable> table(String datasourceId, String slugOrId) {
        return read(c -> query(
                        c,
                        "SELECT " + TABLE_COLUMNS + " FROM " + S
                                + "datatables t WHERE t.datasource_id = ? AND (t.slug = ? OR t.id = ?)",
                        JdbcCatalogStore::table,
                        datasourceId,
                        slugOrId,
                        slugOrId)
                .stream()
                .findFirst());
    }

    @Override
    public Optional<DataTable> tableByResourceId(String resourceId) {
        return read(c -> query(
                        c,
                        "SELECT " + TABLE_COLUMNS + " FROM " + S + "datatables t WHERE t.resource_id = ?",
                        JdbcCatalogStore::table,
                        resourceId)
                .stream()
                .findFirst());
    }

    private static DataTable table(ResultSet rs) throws SQLException {
        return new DataTable(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                JsonMappers.standard().readTree(rs.getString(7)),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getBoolean(11),
                instant(rs, 12),
                instant(rs, 13),
                rs.getString(14));
    }

    @Override
    public CatalogPage<DataTable> tables(String appId, CatalogFilter f) {
        Where w = new Where("t").active().eq("app_id", appId).q(f.q(), "name", "slug", "description");
        if (f.datasourceId() != null) {
            w.eq("datasource_id", f.datasourceId());
        }
        if (f.materialized() != null) {
            w.eq("is_materialized", f.materialized());
        }
        return read(c -> new CatalogPage<>(
                query(
                        c,
                        "SELECT " + TABLE_COLUMNS + " FROM " + S + "datatables t" + w.sql()
                                + " ORDER BY t.created_at, t.id" + page(f),
                        JdbcCatalogStore::table,
                        w.args()),
                count(c, "SELECT count(*) FROM " + S + "datatables t" + w.sql(), w.args())));
    }

    @Override
    public List<DataTable> tablesUnder(Kind kind, String id) {
        return read(c -> query(
                c,
                "SELECT " + TABLE_COLUMNS + " FROM " + S + "datatables t WHERE " + column(kind) + " = ?",
                JdbcCatalogStore::table,
                id));
    }

    private static String column(Kind kind) {
        return switch (kind) {
            case APP -> "app_id";
            case DATASOURCE -> "datasource_id";
            case DATATABLE -> "id";
        };
    }

    // ---- soft delete, restore, purge

    @Override
    public int softDelete(Kind kind, String id, String deletionId, Instant at) {
        String set = " SET deletion_id = ?, deleted_at = ? WHERE deletion_id IS NULL AND ";
        return write(c -> switch (kind) {
            case APP ->
                update(c, "UPDATE " + S + "apps" + set + "id = ?", deletionId, at, id)
                        + update(c, "UPDATE " + S + "datasources" + set + "app_id = ?", deletionId, at, id)
                        + update(c, "UPDATE " + S + "datatables" + set + "app_id = ?", deletionId, at, id);
            case DATASOURCE ->
                update(c, "UPDATE " + S + "datasources" + set + "id = ?", deletionId, at, id)
                        + update(c, "UPDATE " + S + "datatables" + set + "datasource_id = ?", deletionId, at, id);
            case DATATABLE -> update(c, "UPDATE " + S + "datatables" + set + "id = ?", deletionId, at, id);
        });
    }

    @Override
    public int restore(String deletionId) {
        String set = " SET deletion_id = NULL, deleted_at = NULL WHERE deletion_id = ?";
        return write(c -> update(c, "UPDATE " + S + "apps" + set, deletionId)
                + update(c, "UPDATE " + S + "datasources" + set, deletionId)
                + update(c, "UPDATE " + S + "datatables" + set, deletionId));
    }

    @Override
    public void purge(Kind kind, String id) {
        write(c -> switch (kind) {
            case APP ->
                update(c, "DELETE FROM " + S + "datatables WHERE app_id = ?", id)
                        + update(c, "DELETE FROM " + S + "datasources WHERE app_id = ?", id)
                        + update(c, "DELETE FROM " + S + "apps WHERE id = ?", id);
            case DATASOURCE ->
                update(c, "DELETE FROM " + S + "datatables WHERE datasource_id = ?", id)
                        + update(c, "DELETE FROM " + S + "datasources WHERE id = ?", id);
            case DATATABLE -> update(c, "DELETE FROM " + S + "datatables WHERE id = ?", id);
        });
    }

    // ---- audit trail

    @Override
    public void insertOperation(SchemaOperation o) {
        write(c -> update(
                c,
                "INSERT INTO " + S
                        + "operations (id, app_id, target_type, target_id, operation, actor, occurred_at, status,"
                        + " schema_hash_before, schema_hash_after, diff, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?)",
                o.id(),
                o.appId(),
                o.targetType(),
                o.targetId(),
                o.operation(),
                o.actor(),
                o.at(),
                o.status(),
                o.schemaHashBefore(),
                o.schemaHashAfter(),
                JsonMappers.standard().writeValueAsString(o.diff()),
                o.message()));
    }

    @Override
    public CatalogPage<SchemaOperation> operations(String appId, @Nullable String targetId, int limit, int offset) {
        Where w = new Where("o").eq("app_id", appId);
        if (targetId != null) {
            w.eq("target_id", targetId);
        }
        return read(c -> new CatalogPage<>(
                query(
                        c,
                        "SELECT o.id, o.app_id, o.target_type, o.target_id, o.operation, o.actor, o.occurred_at, o.status,"
                                + " o.schema_hash_before, o.schema_hash_after, o.diff, o.message FROM " + S
                                + "operations o" + w.sql() + " ORDER BY o.occurred_at DESC, o.id LIMIT " + limit
                                + " OFFSET "
                                + offset,
                        rs -> new SchemaOperation(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                instant(rs, 7),
                                rs.getString(8),
                                rs.getString(9),
                                rs.getString(10),
                                JsonMappers.standard().readTree(rs.getString(11)),
                                rs.getString(12)),
                        w.args()),
                count(c, "SELECT count(*) FROM " + S + "operations o" + w.sql(), w.args())));
    }

    // ---- CKAN fields (V10)

    @Override
    public Optional<String> ckanFields(String recordId) {
        return read(c ->
                query(c, "SELECT fields FROM " + S + "ckan_fields WHERE record_id = ?", rs -> rs.getString(1), recordId)
                        .stream()
                        .findFirst());
    }

    @Override
    public void setCkanFields(String recordId, String json) {
        write(c -> {
            update(c, "DELETE FROM " + S + "ckan_fields WHERE record_id = ?", recordId);
            return update(c, "INSERT INTO " + S + "ckan_fields (record_id, fields) VALUES (?, ?)", recordId, json);
        });
    }

    /** A WHERE clause of ANDed conditions on one table alias, with its bind values. */
    private static final class Where {
        private final String alias;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        Where(String alias) {
            this.alias = alias;
        }

        Where active() {
            conditions.add(alias + ".deletion_id IS NULL");
            return this;
        }

        Where eq(String column, Object value) {
            conditions.add(alias + "." + column + " = ?");
            args.add(value);
            return this;
        }

        Where q(@Nullable String q, String... columns) {
            if (q != null && !q.isEmpty()) {
                List<String> ors = new ArrayList<>();
                for (String col : columns) {
                    ors.add("lower(" + alias + "." + col + ") LIKE ? ESCAPE '\\'");
                    args.add("%"
                            + q.toLowerCase(Locale.ROOT)
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_")
                            + "%");
                }
                conditions.add("(" + String.join(" OR ", ors) + ")");
            }
            return this;
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        Object[] args() {
            return args.toArray();
        }
    }
}
