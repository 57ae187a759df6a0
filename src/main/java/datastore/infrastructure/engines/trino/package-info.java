/** The Trino + Iceberg storage engine; null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.engines.trino;

import org.jspecify.annotations.NullMarked;
