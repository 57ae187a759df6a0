/** Package datastore.services.read: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.read;

import org.jspecify.annotations.NullMarked;
