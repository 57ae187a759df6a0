/** The DuckDB storage engine; null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.engines.duckdb;

import org.jspecify.annotations.NullMarked;
