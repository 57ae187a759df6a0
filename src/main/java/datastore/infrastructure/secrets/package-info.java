/** Package datastore.infrastructure.secrets: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.secrets;

import org.jspecify.annotations.NullMarked;
