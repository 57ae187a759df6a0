/**
 * CKAN's catalog dicts (package, resource, organization, license, status) and the REST design's bodies:
 * parsed into surface-neutral inputs with CKAN's validators and messages, rendered from neutral views.
 */
@NullMarked
package datastore.schemas.ckan.catalog;

import org.jspecify.annotations.NullMarked;
