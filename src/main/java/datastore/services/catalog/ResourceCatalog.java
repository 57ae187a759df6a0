package datastore.services.catalog;

import datastore.services.auth.Principal;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a table's resource lives: nowhere when standalone, or CKAN's resource, which a
 * {@code datastore_create} with a {@code resource} dict creates and whose {@code datastore_active}
 * flag follows the table.
 */
public sealed interface ResourceCatalog permits StandaloneCatalog, CkanCatalog, CatalogResources {
    /** Creates the resource described by {@code resource} for {@code caller}; returns its id. */
    String createResource(ObjectNode resource, Principal caller);

    /** Records that the resource's table now exists ({@code true}) or was dropped ({@code false}). */
    void datastoreActive(String resourceId, boolean active, Principal caller);
}
