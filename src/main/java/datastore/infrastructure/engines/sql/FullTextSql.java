package datastore.infrastructure.engines.sql;

import java.util.Map;

/**
 * A compiled full-text condition: the WHERE part and one rank expression per rank output column
 * ({@code rank}, {@code rank <field>}).
 */
public record FullTextSql(Fragment where, Map<String, Fragment> ranks) {
    public FullTextSql {
        ranks = Map.copyOf(ranks);
    }
}
