/** Package datastore.services.sql: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.sql;

import org.jspecify.annotations.NullMarked;
