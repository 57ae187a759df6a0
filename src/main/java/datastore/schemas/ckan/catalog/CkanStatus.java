package datastore.schemas.ckan.catalog;

import datastore.core.json.JsonMappers;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code status_show}'s result, with the fields CKAN 2.11 gives, so clients that check it carry on. */
public final class CkanStatus {
    /** The CKAN release whose action API this one answers as. */
    public static final String CKAN_VERSION = "2.11.5";

    private CkanStatus() {}

    /**
     * @param siteUrl the site root as the caller reached it
     * @param extensions the plugins CKAN would list: {@code datastore} always, then what this instance serves
     */
    public static ObjectNode of(String siteTitle, String siteUrl, List<String> extensions) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("site_title", siteTitle);
        o.put("site_description", "");
        o.put("site_url", siteUrl);
        o.putNull("error_emails_to");
        o.put("locale_default", "en");
        extensions.forEach(o.putArray("extensions")::add);
        o.put("ckan_version", CKAN_VERSION);
        return o;
    }
}
