package datastore.infrastructure.engines.sql;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with its bind parameters, in order. */
public record Fragment(String sql, List<Object> params) {
    public Fragment {
        params = List.copyOf(params);
    }

    public static Fragment of(String sql, Object... params) {
        return new Fragment(sql, List.of(params));
    }

    public static Fragment join(String separator, List<Fragment> parts) {
        StringBuilder sb = new StringBuilder();
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(parts.get(i).sql());
            all.addAll(parts.get(i).params());
        }
        return new Fragment(sb.toString(), all);
    }

    public Fragment wrap(String before, String after) {
        return new Fragment(before + sql + after, params);
    }
}
