package datastore.services.read;

import datastore.core.errors.ApiException;
import datastore.infrastructure.engines.RowCursor;
import datastore.infrastructure.engines.StorageEngine;
import datastore.infrastructure.engines.TableDef;
import datastore.schemas.types.FieldType;
import datastore.services.sql.GuardedSql;
import datastore.services.sql.SqlGuard;
import datastore.services.stream.OutputField;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        return guard.check(sql, name -> engine.table(name).map(TableDef::id));
    }

    public SqlResult run(String originalSql, GuardedSql guarded) {
        RowCursor cursor = engine.sql(guarded.sql(), rowsMax + 1, timeout);
        List<OutputField> fields = new ArrayList<>();
        for (RowCursor.ResultColumn c : cursor.columns()) {
            Optional<FieldType> type = FieldType.parse(c.typname());
            fields.add(new OutputField(c.name(), type.orElse(FieldType.TEXT)));
        }
        // search_sql reports timestamps as Python's isoformat(), which keeps non-zero microseconds.
        CursorRows rows = new CursorRows(
                cursor,
                fields,
                rowsMax,
                v -> v instanceof LocalDateTime t ? t.format(t.getNano() == 0 ? SECONDS : MICROS) : v);
        return new SqlResult(
                originalSql,
                cursor.columns().stream()
                        .map(c -> new SqlResult.Column(c.name(), c.typname()))
                        .toList(),
                rows);
    }

    static ApiException disabled() {
        return ApiException.badRequest("Bad request - Action name not known: datastore_search_sql");
    }
}
