/** Package datastore.services.validation: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.services.validation;

import org.jspecify.annotations.NullMarked;
