/** The catalog's records (apps, data sources, data tables, schema operations), surface-neutral. */
@NullMarked
package datastore.schemas.catalog;

import org.jspecify.annotations.NullMarked;
