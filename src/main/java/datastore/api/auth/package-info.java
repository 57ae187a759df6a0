/** Package datastore.api.auth: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.api.auth;

import org.jspecify.annotations.NullMarked;
