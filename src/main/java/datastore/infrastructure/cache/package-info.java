/** Package datastore.infrastructure.cache: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.cache;

import org.jspecify.annotations.NullMarked;
