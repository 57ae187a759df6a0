/** The catalog surface: apps, data sources and data tables under {@code /api/apps/}. */
@NullMarked
package datastore.api.catalog;

import org.jspecify.annotations.NullMarked;
