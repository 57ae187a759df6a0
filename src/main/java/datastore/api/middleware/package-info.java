/** Package datastore.api.middleware: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.api.middleware;

import org.jspecify.annotations.NullMarked;
