package datastore.services.catalog;

import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.ResourceInput;
import datastore.services.auth.Principal;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's own catalog behind {@code datastore_create} with a {@code resource} dict: the resource
 * becomes a data table of the package it names, and its id is the new table's. Whether the table
 * exists is read from the engine, so there is no flag to keep.
 */
public final class CatalogResources implements ResourceCatalog {
    private static final List<String> IGNORED =
            List.of("id", "package_id", "name", "description", "state", "position", "datastore_active", "url_type");
    // The catalog service needs the write service, which needs this: the catalog is looked up on use.
    private final Supplier<PackageCatalog> packages;

    public CatalogResources(Supplier<PackageCatalog> packages) {
        this.packages = Objects.requireNonNull(packages, "packages is null");
    }

    @Override
    public String createResource(ObjectNode resource, Principal caller) {
        String packageId = resource.path("package_id").asString("");
        if (packageId.isEmpty()) {
            throw ApiException.validation("resource", "package_id: Missing value");
        }
        ObjectNode fields = JsonMappers.standard().createObjectNode();
        resource.properties().forEach(e -> {
            if (!IGNORED.contains(e.getKey())) {
                fields.set(e.getKey(), e.getValue());
            }
        });
        ResourceInput in = new ResourceInput(
                null,
                packageId,
                resource.path("name").asString(""),
                resource.path("description").asString(""),
                fields);
        return packages.get().createResource(in).table().resourceId();
    }

    @Override
    public void datastoreActive(String resourceId, boolean active, Principal caller) {}
}
