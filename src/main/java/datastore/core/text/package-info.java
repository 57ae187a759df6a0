/** Package datastore.core.text: null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.core.text;

import org.jspecify.annotations.NullMarked;
