/**
 * Frictionless Table Schema (v1 and v2): descriptor validation, field readers, constraints and row validation
 * as frictionless-py does them. Pure: no I/O.
 */
@NullMarked
package datastore.schemas.frictionless;

import org.jspecify.annotations.NullMarked;
