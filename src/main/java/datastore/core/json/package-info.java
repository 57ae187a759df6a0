/** Package datastore.core.json: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.core.json;

import org.jspecify.annotations.NullMarked;
