/** Package datastore.services.ratelimit: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.ratelimit;

import org.jspecify.annotations.NullMarked;
