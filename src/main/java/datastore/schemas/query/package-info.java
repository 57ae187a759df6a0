/** Package datastore.schemas.query: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.schemas.query;

import org.jspecify.annotations.NullMarked;
