/** Package datastore.api.system: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.api.system;

import org.jspecify.annotations.NullMarked;
