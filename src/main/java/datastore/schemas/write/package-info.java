/** Package datastore.schemas.write: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.schemas.write;

import org.jspecify.annotations.NullMarked;
