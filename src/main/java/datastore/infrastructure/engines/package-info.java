/** The storage-engine SPI: engines, cursors, table definitions; null-marked, so what may be absent says @Nullable. */
@NullMarked
package datastore.infrastructure.engines;

import org.jspecify.annotations.NullMarked;
