package datastore.services.auth;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.core.json.JsonMappers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Datasette's action names and abbreviations on the restriction model of one database. */
class DatasetteActionsTest {

    private static AccessRequest read(String table) {
        return AccessRequest.read("datastore_search", table, table);
    }

    @Test
    void fullNamesAndAbbreviationsNameTheSameVerb() {
        Map<String, Verb> expected = Map.of(
                "view-instance", Verb.READ,
                "view-database", Verb.READ,
                "view-table", Verb.READ,
                "insert-row", Verb.INSERT,
                "update-row", Verb.UPDATE,
                "delete-row", Verb.DELETE,
                "create-table", Verb.CREATE,
                "drop-table", Verb.DROP,
                "alter-table", Verb.CREATE,
                "execute-sql", Verb.SQL);
        expected.forEach((name, verb) -> {
            DatasetteActions.Action a = DatasetteActions.parse(name).orElseThrow();
            assertThat(a.verb()).isEqualTo(verb);
            assertThat(DatasetteActions.parse(a.abbr())).contains(a);
        });
        assertThat(List.of("vi", "vd", "vt", "ir", "ur", "dr", "ct", "dt", "at", "es"))
                .allMatch(n -> DatasetteActions.parse(n).isPresent());
        assertThat(DatasetteActions.parse("debug-menu")).isEmpty();
    }

    @Test
    void unknownActionsAreNamedOnceInOrder() {
        DatasetteActions.Grants g =
                new DatasetteActions.Grants(List.of("vt", "bogus"), Map.of("data", List.of("nope", "bogus")), Map.of());
        assertThat(DatasetteActions.unknown(g)).containsExactly("bogus", "nope");
    }

    @Test
    void theOneDatabaseMeansEveryTableAndAResourceMeansThatTable() {
        DatasetteActions.Grants g = new DatasetteActions.Grants(
                List.of("es"),
                Map.of("data", List.of("vt"), "other", List.of("ir")),
                Map.of("data", Map.of("docs", List.of("insert-row", "ur")), "other", Map.of("x", List.of("dt"))));
        Restrictions r = DatasetteActions.restrictions(g, "data");
        assertThat(r.all()).containsExactlyInAnyOrder(Verb.SQL, Verb.READ);
        assertThat(r.tables()).isEqualTo(Map.of("docs", Set.of(Verb.INSERT, Verb.UPDATE)));
        assertThat(r.allows(Verb.READ, read("anything"))).isTrue();
        assertThat(r.allows(
                        Verb.INSERT, AccessRequest.upsert(datastore.schemas.write.WriteMethod.INSERT, "docs", "docs")))
                .isTrue();
        assertThat(r.allows(
                        Verb.INSERT,
                        AccessRequest.upsert(datastore.schemas.write.WriteMethod.INSERT, "other", "other")))
                .isFalse();
        assertThat(r.allows(Verb.DROP, AccessRequest.delete("datastore_delete", true, "x", "x")))
                .isFalse();
    }

    @Test
    void aTableGrantDoesNotReachOtherTables() {
        DatasetteActions.Grants g =
                new DatasetteActions.Grants(List.of(), Map.of(), Map.of("data", Map.of("docs", List.of("vt"))));
        Restrictions r = DatasetteActions.restrictions(g, "data");
        assertThat(r.allows(Verb.READ, read("docs"))).isTrue();
        assertThat(r.allows(Verb.READ, read("secrets"))).isFalse();
        assertThat(r.allows(Verb.INSERT, read("docs"))).isFalse();
    }

    @Test
    void readsAndWritesDatasettesRForm() {
        JsonNode r = JsonMappers.standard()
                .readTree("{\"a\":[\"view-table\"],\"d\":{\"data\":[\"ir\"]},\"r\":{\"data\":{\"t\":[\"dr\"]}}}");
        List<String> problems = new ArrayList<>();
        DatasetteActions.Grants g = DatasetteActions.fromR(r, problems);
        assertThat(problems).isEmpty();
        assertThat(g.all()).containsExactly("view-table");
        assertThat(DatasetteActions.toR(g).toString())
                .isEqualTo("{\"a\":[\"vt\"],\"d\":{\"data\":[\"ir\"]},\"r\":{\"data\":{\"t\":[\"dr\"]}}}");
        DatasetteActions.fromR(JsonMappers.standard().readTree("{\"a\":\"vt\"}"), problems);
        assertThat(problems).isNotEmpty();
    }
}
