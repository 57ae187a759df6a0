/** The PostgreSQL storage engine; null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.engines.postgres;

import org.jspecify.annotations.NullMarked;
