/** SQL building shared by both engines; null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.engines.sql;

import org.jspecify.annotations.NullMarked;
