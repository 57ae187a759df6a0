/** Package datastore: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore;

import org.jspecify.annotations.NullMarked;
