package datastore.schemas.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.core.errors.ApiException;
import datastore.testing.JsonArbitraries;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes CKAN parameter parsing: whatever JSON arrives, parsing either yields a request or refuses
 * with a 4xx ApiException naming a field, never another exception (which would be a 500).
 */
class RequestParsingFuzzTest {
    private static final List<String> NEAR = List.of("t", "n", "_id", "_full_text", "rank", "id", "resource_id");
    private static final SearchRequest.Limits LIMITS = new SearchRequest.Limits(100, 32000, "english");

    @Provide
    Arbitrary<ObjectNode> searchParams() {
        return JsonArbitraries.params(
                List.of(
                        "resource_id",
                        "id",
                        "filters",
                        "q",
                        "full_text",
                        "plain",
                        "language",
                        "fields",
                        "sort",
                        "limit",
                        "offset",
                        "distinct",
                        "include_total",
                        "total_estimation_threshold",
                        "records_format",
                        "callback",
                        "extra"),
                NEAR);
    }

    @Provide
    Arbitrary<ObjectNode> writeParams() {
        return JsonArbitraries.params(
                List.of(
                        "resource_id",
                        "id",
                        "resource",
                        "fields",
                        "records",
                        "primary_key",
                        "indexes",
                        "aliases",
                        "method",
                        "dry_run",
                        "force",
                        "filters",
                        "delete_fields",
                        "triggers"),
                NEAR);
    }

    @Property(tries = 300)
    void searchParsingRefusesOnlyWithApiExceptions(@ForAll("searchParams") ObjectNode params) {
        refusesCleanly(() -> SearchRequest.parse(params, LIMITS));
        refusesCleanly(() -> DumpRequest.parse("t", params, "english"));
    }

    @Property(tries = 300)
    void writeParsingRefusesOnlyWithApiExceptions(@ForAll("writeParams") ObjectNode params) {
        refusesCleanly(() -> CreateRequest.parse(params));
        refusesCleanly(() -> UpsertRequest.parse(params));
        refusesCleanly(() -> DeleteRequest.parse(params, false));
        refusesCleanly(() -> DeleteRequest.parse(params, true));
        refusesCleanly(() -> InfoRequest.parse(params));
        refusesCleanly(() -> SqlRequest.parse(params));
    }

    private static void refusesCleanly(Runnable parse) {
        try {
            parse.run();
        } catch (ApiException e) {
            assertThat(e.code().httpStatus()).isBetween(400, 499);
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
