package datastore.api.ckan;

import datastore.schemas.catalog.App;
import datastore.schemas.ckan.catalog.Views;
import datastore.services.catalog.PackageCatalog;

/** The catalog's records as the CKAN dicts' views: apps as organizations, data sources as packages. */
final class CatalogViews {
    private CatalogViews() {}

    static Views.Organization organization(App a) {
        return new Views.Organization(
                a.id(), a.slug(), a.name(), a.description(), a.createdAt(), a.active(), a.datasourceCount());
    }

    static Views.Resource resource(PackageCatalog.Resource r) {
        var t = r.table();
        return new Views.Resource(
                t.resourceId(),
                t.datasourceId(),
                t.name(),
                t.description(),
                r.fields(),
                r.position(),
                r.datastoreActive(),
                t.createdAt(),
                t.updatedAt(),
                t.active());
    }

    static Views.Package pkg(PackageCatalog.Package p) {
        var s = p.source();
        return new Views.Package(
                s.id(),
                s.slug(),
                s.name(),
                p.fields(),
                organization(p.app()),
                s.active(),
                s.createdAt(),
                s.updatedAt(),
                p.resources().stream().map(CatalogViews::resource).toList());
    }
}
