/** Package datastore.services.write: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.write;

import org.jspecify.annotations.NullMarked;
