/** Package datastore.infrastructure.logging: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.logging;

import org.jspecify.annotations.NullMarked;
