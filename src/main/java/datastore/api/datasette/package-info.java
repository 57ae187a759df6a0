/** The Datasette-compatible JSON API: translates Datasette's URLs and bodies to the shared services. */
@NullMarked
package datastore.api.datasette;

import org.jspecify.annotations.NullMarked;
