/** Package datastore.api.ckan: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.api.ckan;

import org.jspecify.annotations.NullMarked;
