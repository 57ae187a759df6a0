package datastore.infrastructure.engines.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SQL for the parts of an alter both engines write alike. */
public final class AlterSql {
    private AlterSql() {}

    /**
     * The statements renaming columns {@code old → new} all at once: when there are several (which may
     * swap or chain names), each goes through a temporary name first so no step meets a name in use.
     */
    public static List<String> renames(SqlDialect dialect, String tableId, Map<String, String> renames) {
        List<String> out = new ArrayList<>();
        String table = "ALTER TABLE " + dialect.table(tableId) + " RENAME COLUMN ";
        if (renames.size() == 1) {
            Map.Entry<String, String> r = renames.entrySet().iterator().next();
            out.add(table + dialect.quote(r.getKey()) + " TO " + dialect.quote(r.getValue()));
            return out;
        }
        int i = 0;
        for (String old : renames.keySet()) {
            out.add(table + dialect.quote(old) + " TO " + dialect.quote("_alter_rename_" + i++));
        }
        i = 0;
        for (String renamed : renames.values()) {
            out.add(table + dialect.quote("_alter_rename_" + i++) + " TO " + dialect.quote(renamed));
        }
        return out;
    }
}
