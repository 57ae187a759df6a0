package datastore.schemas.ckan.catalog;

import datastore.core.json.JsonMappers;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** CKAN's default licence register ({@code ckan/model/license.py}), as {@code license_list} shows it. */
public final class CkanLicenses {
    /** One licence; CKAN's defaults are rendered with every value as a string, as CKAN renders them. */
    public record License(
            String id,
            String title,
            String url,
            boolean domainContent,
            boolean domainData,
            boolean isGeneric,
            String odConformance) {
        public boolean isOpen() {
            return odConformance.equals("approved");
        }

        /** The {@code license_list} entry, in CKAN's key order. */
        public ObjectNode toDict() {
            ObjectNode o = JsonMappers.standard().createObjectNode();
            o.put("domain_content", python(domainContent));
            o.put("id", id);
            o.put("domain_data", python(domainData));
            o.put("domain_software", python(false));
            o.put("family", "");
            o.put("is_generic", python(isGeneric));
            o.put("od_conformance", odConformance);
            o.put("osd_conformance", "not reviewed");
            o.put("maintainer", "");
            o.put("status", "active");
            o.put("url", url);
            o.put("title", title);
            return o;
        }

        private static String python(boolean b) {
            return b ? "True" : "False";
        }
    }

    private static final String OD = "http://www.opendefinition.org/licenses/";
    private static final String APPROVED = "approved";
    private static final String NOT_REVIEWED = "not reviewed";

    public static final List<License> DEFAULT = List.of(
            new License("notspecified", "License not specified", "", false, false, true, NOT_REVIEWED),
            new License(
                    "odc-pddl",
                    "Open Data Commons Public Domain Dedication and License (PDDL)",
                    OD + "odc-pddl",
                    false,
                    true,
                    false,
                    APPROVED),
            new License(
                    "odc-odbl",
                    "Open Data Commons Open Database License (ODbL)",
                    OD + "odc-odbl",
                    false,
                    true,
                    false,
                    APPROVED),
            new License("odc-by", "Open Data Commons Attribution License", OD + "odc-by", false, true, false, APPROVED),
            new License("cc-zero", "Creative Commons CCZero", OD + "cc-zero", true, true, false, APPROVED),
            new License("cc-by", "Creative Commons Attribution", OD + "cc-by", false, false, false, APPROVED),
            new License(
                    "cc-by-sa",
                    "Creative Commons Attribution Share-Alike",
                    OD + "cc-by-sa",
                    true,
                    false,
                    false,
                    APPROVED),
            new License("gfdl", "GNU Free Documentation License", OD + "gfdl", true, false, false, APPROVED),
            new License("other-open", "Other (Open)", "", true, false, true, APPROVED),
            new License("other-pd", "Other (Public Domain)", "", true, false, true, APPROVED),
            new License("other-at", "Other (Attribution)", "", true, false, true, APPROVED),
            new License(
                    "uk-ogl",
                    "UK Open Government Licence (OGL)",
                    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                    true,
                    false,
                    false,
                    APPROVED),
            new License(
                    "cc-nc",
                    "Creative Commons Non-Commercial (Any)",
                    "http://creativecommons.org/licenses/by-nc/2.0/",
                    false,
                    false,
                    false,
                    NOT_REVIEWED),
            new License("other-nc", "Other (Non-Commercial)", "", false, false, true, NOT_REVIEWED),
            new License("other-closed", "Other (Not Open)", "", false, false, true, NOT_REVIEWED));

    private CkanLicenses() {}

    public static Optional<License> byId(@Nullable String id) {
        return DEFAULT.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** {@code license_list}'s result. */
    public static ArrayNode list() {
        ArrayNode a = JsonMappers.standard().createArrayNode();
        DEFAULT.forEach(l -> a.add(l.toDict()));
        return a;
    }
}
