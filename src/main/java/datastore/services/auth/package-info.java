/** Package datastore.services.auth: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.auth;

import org.jspecify.annotations.NullMarked;
