/** Package datastore.infrastructure.ckan: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.ckan;

import org.jspecify.annotations.NullMarked;
