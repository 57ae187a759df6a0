package datastore.api.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CKAN 2.11 {@code ckanext/datastore/tests/test_create.py} and contract §2, §3.1. */
class CkanCreateTest extends CkanSupport {

    private static List<String> fieldTypes(JsonNode searchResult) {
        List<String> out = new ArrayList<>();
        searchResult
                .get("fields")
                .forEach(f ->
                        out.add(f.get("id").asString() + ":" + f.get("type").asString()));
        return out;
    }

    private static List<String> fieldTypes(String id) {
        return fieldTypes(ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"limit\": 0}", id)));
    }

    // ---- TestDatastoreCreateNewTests ----

    @Test
    void createWorksWithEmptyArrayInJsonField() {
        String id = newId();
        JsonNode r = ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "movie", "type": "text"}, {"id": "directors", "type": "json"}],
                 "records": [{"movie": "sideways", "directors": []}]}
                """, id));
        assertThat(r.get("resource_id").asString()).isEqualTo(id);
        assertThat(search(id).get("records").get(0).get("directors")).isEqualTo(json("[]"));
    }

    @Test
    void createWorksWithEmptyObjectInJsonField() {
        String id = newId();
        JsonNode r = ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "movie", "type": "text"}, {"id": "director", "type": "json"}],
                 "records": [{"movie": "sideways", "director": {}}]}
                """, id));
        assertThat(r.get("resource_id").asString()).isEqualTo(id);
        assertThat(search(id).get("records").get(0).get("director")).isEqualTo(json("{}"));
    }

    @Test
    void createWithDuplicateFieldsIs409OnField() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "book", "type": "text"}, {"id": "book", "type": "text"}]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("field").get(0).asString()).isEqualTo("Duplicate column names are not supported");
    }

    @Test
    void createWithColumnNameOver63CharactersIs409() {
        String name = "This is a really long name for a column. Column names in Postgres have a limit of 63 characters";
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "%s", "type": "text"}]}
                """, newId(), name));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("fields").get(0).asString())
                .isEqualTo("Column heading \"" + name + "\" exceeds limit of 63 characters.");
    }

    @Test
    void secondCreateWithRecordsAppendsRows() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, "records": [{"book": "annakarenina", "author": "tolstoy"}]}
                """, id));
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, "records": [{"book": "warandpeace", "author": "tolstoy"}]}
                """, id));
        JsonNode s = search(id);
        assertThat(s.get("total").asInt()).isEqualTo(2);
        assertThat(fieldTypes(s)).containsExactly("_id:int", "book:text", "author:text");
    }

    // ---- TestDatastoreCreate ----

    @Test
    void createWithEmptyBodyIs409() {
        TestServer.Response r = post("datastore_create", "{}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.error().get("resource_id").get(0).asString()).isEqualTo("resource_id or resource required");
    }

    @Test
    void createWithInvalidAliasNameIs409() {
        for (String alias : List.of("foo\\\"bar", "fo%25bar")) {
            TestServer.Response r = post("datastore_create", fmt("""
                    {"resource_id": "%s", "aliases": "%s",
                     "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"}]}
                    """, newId(), alias));
            assertThat(r.status()).as(alias).isEqualTo(409);
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.error().get("alias").get(0).asString()).endsWith("is not a valid alias name");
        }
    }

    @Test
    void createWithAliasOfAnotherResourceIs409() {
        String alias = "myalias_" + newId().substring(0, 8);
        ok("datastore_create", fmt("{\"resource_id\": \"%s\", \"aliases\": \"%s\"}", newId(), alias));
        String second = newId();
        TestServer.Response r =
                post("datastore_create", fmt("{\"resource_id\": \"%s\", \"aliases\": \"%s\"}", second, alias));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.error().get("alias").get(0).asString()).isEqualTo("The alias \"" + alias + "\" already exists.");
    }

    @Test
    void createWithAliasEqualToAResourceIdIs409() {
        String first = newId();
        ok("datastore_create", fmt("{\"resource_id\": \"%s\"}", first));
        TestServer.Response r =
                post("datastore_create", fmt("{\"resource_id\": \"%s\", \"aliases\": \"%s\"}", newId(), first));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("alias").get(0).asString()).isEqualTo("\"" + first + "\" already exists");
    }

    @Test
    void createWithAliasEqualToItsOwnIdIs409() {
        String id = newId();
        TestServer.Response r = post("datastore_create", fmt("{\"resource_id\": \"%s\", \"aliases\": \"%s\"}", id, id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void createWithInvalidFieldTypeIs409() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "book", "type": "int["}, {"id": "author", "type": "INVALID"}]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("fields").get(0).asString()).isEqualTo("\"int[\" is not a valid field type");
    }

    @Test
    void createWithInvalidFieldNamesIs409() {
        for (String name : List.of("_author", "\\\"author", "", " author", "author ", "\\tauthor", "author\\n")) {
            TestServer.Response r = post("datastore_create", fmt("""
                    {"resource_id": "%s", "fields": [{"id": "book", "type": "text"}, {"id": "%s", "type": "text"}]}
                    """, newId(), name));
            assertThat(r.status()).as(name).isEqualTo(409);
            assertThat(r.json().get("success").asBoolean()).isFalse();
            assertThat(r.error().has("fields")).as(name).isTrue();
        }
    }

    @Test
    void createWithRecordHavingUndeclaredKeyIs409() {
        String id = newId();
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"}],
                 "records": [{"book": "annakarenina", "author": "tolstoy"},
                             {"book": "warandpeace", "published": "1869"}]}
                """, id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records").get(0).asString()).isEqualTo("row \"2\" has extra keys \"published\"");
    }

    @Test
    void createWithNonObjectFirstRecordIs409() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"}],
                 "records": ["bad"]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("__type").asString()).isEqualTo("Validation Error");
        assertThat(r.error().get("records").get(0).asString()).isEqualTo("The first row is not a json object");
    }

    @Test
    void createWithNonObjectLaterRecordIs409NamingTheRowFromOne() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"}],
                 "records": [{"book": "annakarenina", "author": "tolstoy"}, [], {"book": "warandpeace"}]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("__type").asString()).isEqualTo("Validation Error");
        assertThat(r.error().get("records").get(0).asString()).isEqualTo("row \"2\" is not a json object");
    }

    @Test
    void createWithIndexOnUnknownColumnIs409() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "indexes": "book, dummy",
                 "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"}]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("index").get(0).asString())
                .isEqualTo("The field \"dummy\" is not a valid column name.");
    }

    @Test
    void createWithPrimaryKeyOnUnknownColumnIs409() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "primary_key": "dummy",
                 "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"}]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void createAliasTwiceOnDifferentResourcesIs409() {
        String alias = "new_alias_" + newId().substring(0, 8);
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "aliases": "%s",
                 "fields": [{"id": "book", "type": "text"}, {"id": "author", "type": "text"}]}
                """, newId(), alias));
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "aliases": "%s", "fields": [{"id": "more books", "type": "text"}]}
                """, newId(), alias));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
    }

    /** test_create_basic, step by step, observed through datastore_search. */
    @Test
    void createBasicScenario() {
        String id = newId();
        String suffix = id.substring(0, 8);
        String alias1 = "great_list_of_books_" + suffix;
        String alias2 = "another_list_of_b\u00fcks_" + suffix;
        JsonNode created = ok("datastore_create", fmt("""
                {"resource_id": "%s", "aliases": ["%s", "%s"],
                 "fields": [{"id": "boo%%k", "type": "text"}, {"id": "author", "type": "json"}],
                 "indexes": [["boo%%k", "author"], "author"],
                 "records": [{"boo%%k": "crime", "author": ["tolstoy", "dostoevsky"]},
                             {"boo%%k": "annakarenina", "author": ["tolstoy", "putin"]},
                             {"boo%%k": "warandpeace"}]}
                """, id, alias1, alias2));
        assertThat(created.get("resource_id").asString()).isEqualTo(id);
        assertThat(created.get("fields"))
                .isEqualTo(json("[{\"id\": \"boo%k\", \"type\": \"text\"}, {\"id\": \"author\", \"type\": \"json\"}]"));

        JsonNode recs = search(id).get("records");
        assertThat(recs).hasSize(3);
        assertThat(recs.get(0).get("author")).isEqualTo(json("[\"tolstoy\", \"dostoevsky\"]"));
        assertThat(recs.get(2).get("author").isNull()).isTrue();
        assertThat(ftsTotal(id, "warandpeace")).isEqualTo(1);
        assertThat(ftsTotal(id, "tolstoy")).isEqualTo(2);
        for (String alias : List.of(alias1, alias2)) {
            JsonNode viaAlias = ok("datastore_search", fmt("{\"resource_id\": \"%s\"}", alias));
            assertThat(viaAlias.get("records")).isEqualTo(recs);
        }

        ok("datastore_create", fmt("""
                {"resource_id": "%s", "records": [{"boo%%k": "hagji murat", "author": ["tolstoy"]}]}
                """, id));
        assertThat(search(id).get("total").asInt()).isEqualTo(4);
        assertThat(ftsTotal(id, "tolstoy")).isEqualTo(3);

        ok("datastore_create", fmt("""
                {"resource_id": "%s", "indexes": ["rating"],
                 "records": [{"boo%%k": "crime and punsihment", "author": ["dostoevsky"], "rating": 2}]}
                """, id));
        JsonNode s = search(id);
        assertThat(s.get("total").asInt()).isEqualTo(5);
        assertThat(fieldTypes(s)).containsExactly("_id:int", "boo%k:text", "author:json", "rating:int4");
        assertThat(ftsTotal(id, "dostoevsky")).isEqualTo(2);

        // (the step "insert again which will fail because of unique book name" is
        // createWithPrimaryKeyOverANewDuplicateRecordIs409Constraints)

        String alias3 = "another_alias_" + suffix;
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "aliases": "%s", "records": [{"boo%%k": "warandpeace"}], "primary_key": ""}
                """, id, alias3));
        assertThat(post("datastore_search", fmt("{\"resource_id\": \"%s\"}", alias1))
                        .status())
                .isEqualTo(404);
        assertThat(post("datastore_search", fmt("{\"resource_id\": \"%s\"}", alias2))
                        .status())
                .isEqualTo(404);
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\"}", alias3))
                        .get("total")
                        .asInt())
                .isEqualTo(6);

        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "boo%%k", "type": "text"}, {"id": "author", "type": "json"},
                            {"id": "rating", "type": "int"}, {"id": "characters", "type": "_text"}],
                 "records": [{"boo%%k": "the hobbit", "author": ["tolkien"], "characters": ["Bilbo", "Gandalf"]}]}
                """, id));
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "boo%%k", "type": "text"}, {"id": "author", "type": "json"},
                            {"id": "rating", "type": "int"}, {"id": "characters", "type": "_text"},
                            {"id": "location", "type": "int[2]"}],
                 "records": [{"boo%%k": "lord of the rings", "author": ["tolkien"], "location": [3, -42]}]}
                """, id));
        // (CKAN also sends "indexes": ["characters"] with data6/data7: see createWithIndexOnArrayColumnSucceeds)
        ok("datastore_create", fmt("""
                {"id": "%s", "records": [{"boo%%k": "warandpeace", "author": "99%% good"}]}
                """, id));
        s = ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"sort\": \"_id desc\", \"limit\": 3}", id));
        assertThat(fieldTypes(s))
                .containsExactly(
                        "_id:int", "boo%k:text", "author:json", "rating:int4", "characters:_text", "location:_int4");
        assertThat(s.get("records").get(0).get("author").asString()).isEqualTo("99% good");
        assertThat(s.get("records").get(1).get("location")).isEqualTo(json("[3, -42]"));
        assertThat(s.get("records").get(2).get("characters")).isEqualTo(json("[\"Bilbo\", \"Gandalf\"]"));
    }

    /** test_create_basic, data4: the records go in first, then the unique index fails on them. */
    @Test
    void createWithPrimaryKeyOverANewDuplicateRecordIs409Constraints() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "boo%%k", "type": "text"}],
                 "records": [{"boo%%k": "crime"}, {"boo%%k": "warandpeace"}]}
                """, id));
        TestServer.Response dup = post("datastore_create", fmt("""
                {"resource_id": "%s", "records": [{"boo%%k": "warandpeace"}], "primary_key": "boo%%k"}
                """, id));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("success").asBoolean()).isFalse();
        assertThat(dup.error().has("constraints")).as(dup.body()).isTrue();
        assertThat(search(id).get("total").asInt()).isEqualTo(2);
    }

    /** test_create_basic, data6: an index on a text[] column. */
    @Test
    void createWithIndexOnArrayColumnSucceeds() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "boo%%k", "type": "text"}, {"id": "characters", "type": "_text"}],
                 "records": [{"boo%%k": "the hobbit", "characters": ["Bilbo", "Gandalf"]}],
                 "indexes": ["characters"]}
                """, id));
        JsonNode info = ok("datastore_info", fmt("{\"id\": \"%s\"}", id));
        assertThat(info.get("fields").get(1).get("schema").get("is_index").asBoolean())
                .isTrue();
        assertThat(search(id).get("records").get(0).get("characters")).isEqualTo(json("[\"Bilbo\", \"Gandalf\"]"));
    }

    private static int ftsTotal(String id, String q) {
        return ok("datastore_search", fmt("{\"resource_id\": \"%s\", \"q\": \"%s\"}", id, q))
                .get("total")
                .asInt();
    }

    @Test
    void createGuessesTypesFromTheFirstRecord() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "author", "type": "json"}, {"id": "count"}, {"id": "book"}, {"id": "date"}],
                 "records": [{"book": "annakarenina", "author": "tolstoy", "count": 1, "date": "2005-12-01",
                              "count2": 0.5},
                             {"book": "crime", "author": ["tolstoy", "dostoevsky"]},
                             {"book": "warandpeace"}]}
                """, id));
        assertThat(fieldTypes(id))
                .containsExactly(
                        "_id:int", "author:json", "count:int4", "book:text", "date:timestamp", "count2:float8");
        JsonNode recs = search(id).get("records");
        assertThat(recs.get(0).get("author").asString()).isEqualTo("tolstoy");
        assertThat(recs.get(1).get("author")).isEqualTo(json("[\"tolstoy\", \"dostoevsky\"]"));
        assertThat(recs.get(2).get("author").isNull()).isTrue();

        // extend: retyping "author" is ignored, new fields are appended, guessed from records[0]
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "author", "type": "text"}, {"id": "count"}, {"id": "book"}, {"id": "date"},
                            {"id": "count2"}, {"id": "extra", "type": "text"}, {"id": "date2"}],
                 "records": [{"book": "annakarenina", "author": "tolstoy", "count": 1, "date": "2005-12-01",
                              "count2": 2, "nested": [1, 2], "date2": "2005-12-01"}]}
                """, id));
        assertThat(fieldTypes(id))
                .containsExactly(
                        "_id:int",
                        "author:json",
                        "count:int4",
                        "book:text",
                        "date:timestamp",
                        "count2:float8",
                        "extra:text",
                        "date2:timestamp",
                        "nested:json");
    }

    @Test
    void createAcceptsExistingFieldsInAnotherOrder() {
        // 2.11 (contract §6): fields on an existing table may be a subset in any order (2.10 gave 409)
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "book", "type": "text"}, {"id": "date", "type": "date"}]}
                """, id));
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "date"}, {"id": "book"}],
                 "records": [{"book": "annakarenina", "date": "2005-12-01", "count3": 432}]}
                """, id));
        assertThat(fieldTypes(id)).containsExactly("_id:int", "book:text", "date:date", "count3:int4");
    }

    @Test
    void createWithInvalidNumericValueIs409OnRecords() {
        String id = newId();
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "value", "type": "numeric"}],
                 "records": [{"value": 0}, {"value": 1}, {"value": 2}, {"value": 3}, {"value": "   "},
                             {"value": 5}, {"value": 6}, {"value": 7}],
                 "method": "insert"}
                """, id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.error().get("__type").asString()).isEqualTo("Validation Error");
        assertThat(r.error().get("records").get(0).asString()).startsWith("invalid input syntax for type numeric");
        assertThat(r.error().has("records_row")).isTrue();
    }

    // ---- contract §2, §3.1 ----

    @Test
    void createResultIsTheRequestWithoutRecordsAndForce() {
        String id = newId();
        JsonNode r = ok("datastore_create", fmt("""
                {"resource_id": "%s", "force": true, "fields": [{"id": "a", "type": "text"}, {"id": "b", "type": "int"}],
                 "records": [{"a": "x", "b": 1}], "primary_key": "a"}
                """, id));
        assertThat(r.has("records")).isFalse();
        assertThat(r.has("force")).isFalse();
        assertThat(r.get("resource_id").asString()).isEqualTo(id);
        assertThat(r.get("method").asString()).isEqualTo("insert");
        assertThat(r.get("delete_fields").asBoolean()).isFalse();
        assertThat(r.get("primary_key").asString()).isEqualTo("a");
        assertThat(r.get("fields"))
                .isEqualTo(json("[{\"id\": \"a\", \"type\": \"text\"}, {\"id\": \"b\", \"type\": \"int\"}]"));
    }

    @Test
    void createResultFillsGuessedTypesWithGuessTypeNames() {
        String id = newId();
        JsonNode r = ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "a", "type": "text"}, {"id": "b"}, {"id": "c"}, {"id": "d"}],
                 "records": [{"a": "x", "b": 1, "c": 1.5, "d": "hello"}]}
                """, id));
        assertThat(r.get("fields")).isEqualTo(json("""
                [{"id": "a", "type": "text"}, {"id": "b", "type": "int"}, {"id": "c", "type": "float"},
                 {"id": "d", "type": "text"}]"""));
    }

    @Test
    void createWithBothResourceAndResourceIdIs409OnResource() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "resource": {"package_id": "x"}}""", newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("resource").get(0).asString()).isEqualTo("resource cannot be used with resource_id");
    }

    @Test
    void createRejectsUnderscoreIdInRecords() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "a", "type": "text"}], "records": [{"_id": 5, "a": "x"}]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records").get(0).asString()).isEqualTo("row \"1\" has extra keys \"_id\"");
    }

    @Test
    void declaredFieldWithoutTypeAndNoRecordIsNotGuessable() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "a", "type": "text"}, {"id": "b"}]}
                """, newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("fields").get(0).asString()).isEqualTo("\"b\" type not guessable");
    }

    @Test
    void guessedTypesFollowTheContractTable() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "records": [{"obj": {"a": 1}, "arr": [1], "i": 7, "f": 1.5, "si": "42", "sf": "1.5",
                              "d1": "2005-03-01", "d2": "2005-03-01 10:11:12", "d3": "2005-03-01T10:11:12",
                              "d4": "2005-03-01T10:11:12Z", "d6": "12/25/2005",
                              "t": "hello", "n": null}]}
                """, id));
        assertThat(fieldTypes(id))
                .containsExactly(
                        "_id:int",
                        "obj:json",
                        "arr:json",
                        "i:int4",
                        "f:float8",
                        "si:int4",
                        "sf:numeric",
                        "d1:timestamp",
                        "d2:timestamp",
                        "d3:timestamp",
                        "d4:timestamp",
                        "d6:timestamp",
                        "t:text",
                        "n:text");
    }

    @Test
    void declaredTypesAreReportedAsPostgresTypnames() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "a", "type": "int"}, {"id": "b", "type": "integer"}, {"id": "c", "type": "bigint"},
                            {"id": "d", "type": "smallint"}, {"id": "e", "type": "float"},
                            {"id": "f", "type": "double precision"}, {"id": "g", "type": "real"},
                            {"id": "h", "type": "numeric"}, {"id": "i", "type": "bool"},
                            {"id": "j", "type": "timestamp"}, {"id": "k", "type": "timestamptz"},
                            {"id": "l", "type": "date"}, {"id": "m", "type": "time"}, {"id": "n", "type": "json"},
                            {"id": "o", "type": "text[]"}, {"id": "p", "type": "_text"}, {"id": "q", "type": "int[]"},
                            {"id": "r", "type": "float8"}, {"id": "s", "type": "int4"}, {"id": "t", "type": "text"}]}
                """, id));
        assertThat(fieldTypes(id))
                .containsExactly(
                        "_id:int",
                        "a:int4",
                        "b:int4",
                        "c:int8",
                        "d:int2",
                        "e:float8",
                        "f:float8",
                        "g:float4",
                        "h:numeric",
                        "i:bool",
                        "j:timestamp",
                        "k:timestamptz",
                        "l:date",
                        "m:time",
                        "n:json",
                        "o:_text",
                        "p:_text",
                        "q:_int4",
                        "r:float8",
                        "s:int4",
                        "t:text");
    }

    @Test
    void fieldInfoIsStoredAndEchoedBySearch() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "a", "type": "text", "info": {"label": "Alpha", "notes": "first"}}]}
                """, id));
        JsonNode f = ok("datastore_search", fmt("{\"resource_id\": \"%s\"}", id))
                .get("fields")
                .get(1);
        assertThat(f.get("info")).isEqualTo(json("{\"label\": \"Alpha\", \"notes\": \"first\"}"));
    }

    @Test
    void deleteFieldsDropsColumnsNotListed() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s",
                 "fields": [{"id": "a", "type": "text"}, {"id": "b", "type": "int"}, {"id": "c", "type": "text"}],
                 "records": [{"a": "x", "b": 1, "c": "y"}]}
                """, id));
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "c"}, {"id": "a"}], "delete_fields": true}
                """, id));
        assertThat(fieldTypes(id)).containsExactly("_id:int", "a:text", "c:text");
        assertThat(search(id).get("records").get(0)).isEqualTo(json("{\"_id\": 1, \"a\": \"x\", \"c\": \"y\"}"));
    }

    @Test
    void laterRecordThatDoesNotFitTheGuessedTypeIs409() {
        String id = newId();
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "records": [{"n": 1}, {"n": "many"}]}
                """, id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("records").get(0).asString())
                .isEqualTo("invalid input syntax for type integer: \"many\"");
    }

    @Test
    void primaryKeyOverDuplicateRowsIs409Constraints() {
        String id = newId();
        ok("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "k", "type": "text"}], "records": [{"k": "a"}, {"k": "a"}]}
                """, id));
        TestServer.Response r = post("datastore_create", fmt("{\"resource_id\": \"%s\", \"primary_key\": \"k\"}", id));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("constraints").get(0).asString())
                .isEqualTo("Cannot insert records or create indexbecause of uniqueness constraint");
        assertThat(r.error().get("info").get("pgcode").asString()).isEqualTo("23505");
    }

    @Test
    void aliasesAcceptACommaSeparatedString() {
        String id = newId();
        String a = "ca_" + id.substring(0, 8);
        String b = "cb_" + id.substring(0, 8);
        ok(
                "datastore_create",
                fmt("{\"resource_id\": \"%s\", \"aliases\": \"%s, %s\", \"records\": [{\"x\": 1}]}", id, a, b));
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\"}", b))
                        .get("resource_id")
                        .asString())
                .isEqualTo(id);
        assertThat(ok("datastore_search", fmt("{\"resource_id\": \"%s\"}", a))
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void unknownTopLevelKeysAreIgnoredByCreate() {
        String id = newId();
        TestServer.Response r =
                post("datastore_create", fmt("{\"resource_id\": \"%s\", \"lang\": \"english\", \"foo\": 1}", id));
        assertThat(r.status()).isEqualTo(200);
    }
    /** Contract §2.1: any name cast(:type as regtype) accepts is a valid type. */
    @Test
    @Disabled("differs: varchar(10), text[][], bytea, money, point, name and oid are rejected as invalid field types")
    void typeNamesPostgresAcceptsAreValid() {
        for (String type : List.of("varchar(10)", "text[][]", "bytea", "money", "point", "name", "oid")) {
            TestServer.Response r = post("datastore_create", fmt("""
                    {"resource_id": "%s", "fields": [{"id": "x", "type": "%s"}]}""", newId(), type));
            assertThat(r.status()).as(type + ": " + r.body()).isEqualTo(200);
        }
    }

    @Test
    void serialIsNotAValidFieldType() {
        TestServer.Response r = post("datastore_create", fmt("""
                {"resource_id": "%s", "fields": [{"id": "x", "type": "serial"}]}""", newId()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().get("fields").get(0).asString()).isEqualTo("\"serial\" is not a valid field type");
    }
}
