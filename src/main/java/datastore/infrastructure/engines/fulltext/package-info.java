/** PostgreSQL-compatible full-text parsing; null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.engines.fulltext;

import org.jspecify.annotations.NullMarked;
