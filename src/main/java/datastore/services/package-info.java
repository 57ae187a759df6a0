/** Package datastore.services: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services;

import org.jspecify.annotations.NullMarked;
