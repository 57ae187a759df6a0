package datastore.services.catalog;

import datastore.services.auth.Principal;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** No CKAN behind the service: a new resource is just a new UUID, and there is no flag to keep. */
public final class StandaloneCatalog implements ResourceCatalog {
    @Override
    public String createResource(ObjectNode resource, Principal caller) {
        return UUID.randomUUID().toString();
    }

    @Override
    public void datastoreActive(String resourceId, boolean active, Principal caller) {}
}
