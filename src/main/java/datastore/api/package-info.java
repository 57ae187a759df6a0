/** Package datastore.api: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.api;

import org.jspecify.annotations.NullMarked;
