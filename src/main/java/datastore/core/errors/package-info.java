/** Package datastore.core.errors: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.core.errors;

import org.jspecify.annotations.NullMarked;
