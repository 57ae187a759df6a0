package datastore.schemas.ckan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.schemas.catalog.PackageFields;
import datastore.schemas.catalog.PackageInput;
import datastore.schemas.catalog.ResourceInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** CKAN's package and resource dicts, names, licences and status, and the REST design's bodies. */
class CkanCatalogDictsTest {
    private static ObjectNode json(String s) {
        return (ObjectNode) JsonMappers.standard().readTree(s);
    }

    private static Map<String, List<String>> errors(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.fieldErrors();
        }
        throw new AssertionError("no validation error");
    }

    @Test
    void packageNamesFollowCkansRule() {
        assertThat(CkanNames.nameProblem("my-data_set2")).isNull();
        assertThat(CkanNames.nameProblem("a")).isEqualTo("Must be at least 2 characters long");
        assertThat(CkanNames.nameProblem("x".repeat(101))).isEqualTo("Name must be a maximum of 100 characters long");
        assertThat(CkanNames.nameProblem("x".repeat(100))).isNull();
        assertThat(CkanNames.nameProblem("My-Data"))
                .isEqualTo("Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_");
        assertThat(CkanNames.nameProblem("data\n")).isNotNull();
        assertThat(CkanNames.nameProblem("données")).isNotNull();
        assertThat(CkanNames.nameProblem("new")).isEqualTo("That name cannot be used");
    }

    @Test
    void createNeedsANameAndReportsEveryProblemTogether() {
        Map<String, List<String>> e = errors(() -> PackageDicts.parse(
                json("{\"author_email\": \"not an email\", \"version\": \"" + "9".repeat(101)
                        + "\", \"tags\": [{\"name\": \"a\"}], \"resources\": [{\"size\": \"big\"}]}"),
                PackageDicts.Mode.CREATE));
        assertThat(e).containsEntry("name", List.of("Missing value"));
        assertThat(e).containsEntry("author_email", List.of("Email not an email is not a valid format"));
        assertThat(e).containsEntry("version", List.of("Version must be a maximum of 100 characters long"));
        assertThat(e).containsEntry("tags", List.of("Tag \"a\" length is less than minimum 2"));
        assertThat(e).containsEntry("resources.1.size", List.of("Invalid integer"));
    }

    @Test
    void updateIsAddressedByIdOrName() {
        assertThat(errors(() -> PackageDicts.parse(json("{\"title\": \"x\"}"), PackageDicts.Mode.UPDATE)))
                .containsEntry("id", List.of("Missing value"));
        PackageInput byId = PackageDicts.parse(json("{\"id\": \"abc\"}"), PackageDicts.Mode.UPDATE);
        assertThat(byId.reference()).isEqualTo("abc");
        assertThat(byId.fields().title()).isNull();
    }

    @Test
    void readsFieldsTagsAndExtras() {
        PackageInput p = PackageDicts.parse(json("""
                {"name": "gdp", "owner_org": "stats", "license_id": "cc-by", "notes": "n", "private": "true",
                 "tags": [{"name": "economy"}], "tag_string": "money, economy ,world bank",
                 "extras": [{"key": "source", "value": "imf"}, {"key": "n", "value": 3}],
                 "resources": [{"name": "r1", "url": " http://x/a.csv ", "format": "CSV", "size": "12", "colour": "red"}]}
                """), PackageDicts.Mode.CREATE);
        assertThat(p.name()).isEqualTo("gdp");
        assertThat(p.ownerOrg()).isEqualTo("stats");
        assertThat(p.fields().title()).as("title defaults to the name").isEqualTo("gdp");
        assertThat(p.fields().isPrivate()).isTrue();
        assertThat(p.fields().tags()).containsExactly("economy", "money", "world bank");
        assertThat(p.fields().extras()).containsExactly(Map.entry("source", "imf"), Map.entry("n", "3"));
        ResourceInput r = p.resources().get(0);
        assertThat(r.name()).isEqualTo("r1");
        assertThat(r.fields().toString())
                .isEqualTo("{\"url\":\"http://x/a.csv\",\"format\":\"CSV\",\"size\":12,\"colour\":\"red\"}");
    }

    @Test
    void refusesDuplicateExtrasAndExtrasNamedLikeFields() {
        Map<String, List<String>> e = errors(() -> PackageDicts.parse(
                json(
                        "{\"name\": \"ab\", \"extras\": [{\"key\": \"k\", \"value\": \"1\"}, {\"key\": \"k\", \"value\": \"2\"},"
                                + " {\"key\": \"title\", \"value\": \"t\"}]}"),
                PackageDicts.Mode.CREATE));
        assertThat(e).containsEntry("extras_validation", List.of("Duplicate key \"k\""));
        assertThat(e).containsEntry("extras", List.of("key: There is a schema field with the same name"));
    }

    @Test
    void resourceCreateNeedsItsPackage() {
        assertThat(errors(() -> ResourceDicts.parse(json("{\"name\": \"r\"}"))))
                .containsEntry("package_id", List.of("Missing value"));
        assertThat(ResourceDicts.parse(json("{\"package_id\": \"p\", \"state\": \"deleted\"}"))
                        .fields()
                        .has("state"))
                .as("state is the service's to set")
                .isFalse();
    }

    @Test
    void rendersPackageAsPackageShowDoes() {
        Instant t = Instant.parse("2026-01-02T03:04:05.123Z");
        Views.Organization org = new Views.Organization("o1", "stats", "Statistics", "", t, true, 1);
        Views.Resource res = new Views.Resource(
                "r1", "p1", "counts", "", json("{\"url\": \"http://x\", \"format\": \"CSV\"}"), 0, true, t, t, true);
        PackageFields f = new PackageFields(
                "GDP",
                null,
                null,
                "cc-by",
                "notes",
                null,
                null,
                null,
                null,
                "1.0",
                false,
                List.of("economy"),
                Map.of());
        JsonNode d = PackageDicts.render(new Views.Package("p1", "gdp", "GDP", f, org, true, t, t, List.of(res)));
        assertThat(d.get("name").asString()).isEqualTo("gdp");
        assertThat(d.get("license_title").asString()).isEqualTo("Creative Commons Attribution");
        assertThat(d.get("license_url").asString()).isEqualTo("http://www.opendefinition.org/licenses/cc-by");
        assertThat(d.get("isopen").asBoolean()).isTrue();
        assertThat(d.get("metadata_created").asString()).isEqualTo("2026-01-02T03:04:05.123000");
        assertThat(d.get("owner_org").asString()).isEqualTo("o1");
        assertThat(d.get("organization").get("name").asString()).isEqualTo("stats");
        assertThat(d.get("num_resources").asInt()).isEqualTo(1);
        assertThat(d.get("tags").get(0).get("name").asString()).isEqualTo("economy");
        assertThat(d.get("state").asString()).isEqualTo("active");
        JsonNode r = d.get("resources").get(0);
        assertThat(r.get("id").asString()).isEqualTo("r1");
        assertThat(r.get("package_id").asString()).isEqualTo("p1");
        assertThat(r.get("datastore_active").asBoolean()).isTrue();
        assertThat(r.get("format").asString()).isEqualTo("CSV");
        assertThat(r.get("mimetype").isNull()).isTrue();
    }

    @Test
    void licenseListIsCkansDefaultRegister() {
        JsonNode list = CkanLicenses.list();
        assertThat(list).hasSize(15);
        assertThat(list.get(0).get("id").asString()).isEqualTo("notspecified");
        assertThat(list.get(0).get("is_generic").asString())
                .as("CKAN renders its defaults as strings")
                .isEqualTo("True");
        assertThat(CkanLicenses.byId("odc-odbl").orElseThrow().title())
                .isEqualTo("Open Data Commons Open Database License (ODbL)");
        assertThat(CkanLicenses.byId("nope")).isEmpty();
    }

    @Test
    void statusShowSaysItIsCkan211WithTheDatastore() {
        JsonNode s = CkanStatus.of("Datastore", "http://h", List.of("datastore"));
        assertThat(s.get("ckan_version").asString()).startsWith("2.11.");
        assertThat(s.get("site_url").asString()).isEqualTo("http://h");
        assertThat(s.get("extensions").toString()).contains("\"datastore\"");
    }

    @Test
    void restPackageBodyHasSpaceSeparatedTagsAndLicences() {
        PackageInput p = RestBodies.parsePackage(
                json("{\"package\": {\"name\": \"gdp\", \"title\": \"GDP\", \"download_url\": \"http://d\","
                        + " \"licences\": [\"odc-by\"], \"tags\": \"economy  money\", \"notes\": \"n\"}}"),
                PackageDicts.Mode.CREATE);
        assertThat(p.fields().tags()).containsExactly("economy", "money");
        assertThat(p.fields().licenseId()).isEqualTo("odc-by");
        assertThat(p.fields().downloadUrl()).isEqualTo("http://d");
        Instant t = Instant.EPOCH;
        JsonNode out = RestBodies.renderPackage(new Views.Package(
                "id1",
                "gdp",
                "GDP",
                p.fields(),
                new Views.Organization("o", "default", "Default", "", t, true, 1),
                true,
                t,
                t,
                List.of()));
        assertThat(out.get("package").get("tags").asString()).isEqualTo("economy money");
        assertThat(out.get("package").get("licences").toString()).isEqualTo("[\"odc-by\"]");
        assertThat(RestBodies.list("package", List.of("a", "b")).toString())
                .isEqualTo("{\"package-list\":[\"a\",\"b\"]}");
    }

    @Test
    void restPackageBodyRefusesUnknownFieldsAndAMissingWrapper() {
        assertThat(errors(() -> RestBodies.parsePackage(json("{\"name\": \"gdp\"}"), PackageDicts.Mode.CREATE)))
                .containsKey("package");
        assertThat(errors(() -> RestBodies.parsePackage(
                        json("{\"package\": {\"name\": \"gdp\", \"owner\": \"x\", \"tags\": [\"a\"]}}"),
                        PackageDicts.Mode.CREATE)))
                .containsOnlyKeys("owner", "tags");
        assertThatThrownBy(() ->
                        RestBodies.parsePackage(json("{\"package\": {\"name\": \"G D P\"}}"), PackageDicts.Mode.CREATE))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("name");
    }

    @Test
    void packageFieldsSurviveTheirStoredForm() {
        PackageFields f = new PackageFields(
                "t",
                "u",
                "d",
                "cc-by",
                "n",
                "a",
                "a@x.org",
                "m",
                "m@x.org",
                "1",
                true,
                List.of("x1", "y2"),
                Map.of("k", "v"));
        assertThat(PackageFields.fromJson(f.toJson())).isEqualTo(f);
        assertThat(PackageFields.fromJson(PackageFields.EMPTY.toJson())).isEqualTo(PackageFields.EMPTY);
    }
}
