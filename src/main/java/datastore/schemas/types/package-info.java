/** Package datastore.schemas.types: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.schemas.types;

import org.jspecify.annotations.NullMarked;
