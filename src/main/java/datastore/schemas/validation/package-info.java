/** Package datastore.schemas.validation: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.schemas.validation;

import org.jspecify.annotations.NullMarked;
