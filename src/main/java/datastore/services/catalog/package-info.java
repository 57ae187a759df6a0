/** Package datastore.services.catalog: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.catalog;

import org.jspecify.annotations.NullMarked;
