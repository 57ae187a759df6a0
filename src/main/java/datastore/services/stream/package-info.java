/** Package datastore.services.stream: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.stream;

import org.jspecify.annotations.NullMarked;
