package datastore.services.read;

import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.BaseType;
import datastore.schemas.types.FieldType;
import datastore.services.sql.GuardedSql;
import datastore.services.sql.SqlGuard;
import datastore.services.stream.OutputField;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code datastore_search_sql}: the guard decides, the engine runs read-only with a cap and a timeout. */
public final class SqlService {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    private final StorageEngine engine;
    private final SqlGuard guard;
    private final int rowsMax;
    private final Duration timeout;

    public SqlService(StorageEngine engine, SqlGuard guard, int rowsMax, Duration timeout) {
        this.engine = Objects.requireNonNull(engine, "engine is null");
        this.guard = Objects.requireNonNull(guard, "guard is null");
        this.rowsMax = rowsMax;
        this.timeout = timeout;
    }

    /** Parses and checks the query; the tables it reads come back for authorisation. */
    public GuardedSql check(String sql) {
        return checkNamed(sql).guarded();
    }

    /** A checked query and, per table it reads, the names the query used for it (its id, aliases). */
    public record Checked(GuardedSql guarded, Map<String, Set<String>> namesByTable) {}

    /** Like {@link #check}, also reporting the names each table was reached by, for per-table restrictions. */
    public Checked checkNamed(String sql) {
        Map<String, Set<String>> names = new LinkedHashMap<>();
        GuardedSql guarded = guard.check(sql, name -> {
            Optional<String> id = engine.table(name).map(TableDef::id);
            id.ifPresent(
                    i -> names.computeIfAbsent(i, k -> new LinkedHashSet<>()).add(name));
            return id;
        });
        Map<String, Set<String>> byTable = new LinkedHashMap<>();
        for (String table : guarded.tables()) {
            byTable.put(table, Set.copyOf(names.getOrDefault(table, Set.of(table))));
        }
        return new Checked(guarded, byTable);
    }

    public SqlResult run(String originalSql, GuardedSql guarded) {
        Set<String> numeric = numericColumns(guarded);
        RowCursor cursor = engine.sql(guarded.sql(), rowsMax + 1, timeout);
        List<OutputField> fields = new ArrayList<>();
        List<SqlResult.Column> columns = new ArrayList<>();
        boolean[] asNumber = new boolean[cursor.columns().size()];
        for (int i = 0; i < asNumber.length; i++) {
            RowCursor.ResultColumn c = cursor.columns().get(i);
            // An engine may keep numeric as exact text; a result column carrying such a column's name
            // is reported as CKAN does, numeric with number values.
            asNumber[i] = c.typname().equals("text") && numeric.contains(c.name());
            String typname = asNumber[i] ? "numeric" : c.typname();
            fields.add(new OutputField(c.name(), FieldType.parse(typname).orElse(FieldType.TEXT)));
            columns.add(new SqlResult.Column(c.name(), typname));
        }
        // search_sql reports timestamps as Python's isoformat(), which keeps non-zero microseconds.
        CursorRows rows = new CursorRows(cursor, fields, rowsMax, (i, v) -> switch (v) {
            case LocalDateTime t -> t.format(t.getNano() == 0 ? SECONDS : MICROS);
            case String text when asNumber[i] -> number(text);
            case null, default -> v;
        });
        return new SqlResult(originalSql, columns, rows);
    }

    private Set<String> numericColumns(GuardedSql guarded) {
        Set<String> names = new HashSet<>();
        for (String id : guarded.tables()) {
            engine.table(id).ifPresent(t -> t.fields().stream()
                    .filter(f ->
                            f.type().base() == BaseType.NUMERIC && !f.type().array())
                    .forEach(f -> names.add(f.id())));
        }
        return names;
    }

    private static Object number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
