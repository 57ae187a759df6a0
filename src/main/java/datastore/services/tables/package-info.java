/** Package datastore.services.tables: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.tables;

import org.jspecify.annotations.NullMarked;
