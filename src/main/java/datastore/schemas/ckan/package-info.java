/** Package datastore.schemas.ckan: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.schemas.ckan;

import org.jspecify.annotations.NullMarked;
