/** The catalog store: its schema migrations and its JDBC tables in the engine's own database. */
@NullMarked
package datastore.infrastructure.catalog;

import org.jspecify.annotations.NullMarked;
