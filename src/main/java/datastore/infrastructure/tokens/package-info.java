/** Package datastore.infrastructure.tokens: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.tokens;

import org.jspecify.annotations.NullMarked;
