/** Package datastore.infrastructure.ratelimit: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.ratelimit;

import org.jspecify.annotations.NullMarked;
