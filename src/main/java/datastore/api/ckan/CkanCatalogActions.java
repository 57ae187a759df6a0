package datastore.api.ckan;

import datastore.schemas.ckan.catalog.CkanLicenses;
import datastore.schemas.ckan.catalog.CkanStatus;
import io.javalin.http.Context;
import java.util.List;

/**
 * CKAN's catalog actions when no CKAN is behind the service ({@code CKAN_URL} unset): the licence
 * register and {@code status_show}, answered by the service itself.
 */
final class CkanCatalogActions {
    private final String siteTitle;
    private final List<String> extensions;

    CkanCatalogActions(String siteTitle, List<String> extensions) {
        this.siteTitle = siteTitle;
        this.extensions = List.copyOf(extensions);
    }

    void licenseList(Context ctx) {
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "license_list"), CkanLicenses.list());
    }

    void statusShow(Context ctx) {
        CkanResponses.ok(
                ctx,
                CkanResponses.help(ctx, "status_show"),
                CkanStatus.of(siteTitle, CkanResponses.site(ctx), extensions));
    }
}
