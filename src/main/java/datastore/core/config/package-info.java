/** Package datastore.core.config: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.core.config;

import org.jspecify.annotations.NullMarked;
