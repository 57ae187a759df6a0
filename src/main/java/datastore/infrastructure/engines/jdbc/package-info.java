/** JDBC plumbing shared by both engines; null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.engines.jdbc;

import org.jspecify.annotations.NullMarked;
