package datastore.schemas.ckan;

import datastore.core.json.JsonMappers;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated dump request: a format, a BOM flag, a row limit, and the search to run.
 *
 * @param limit the most rows to write; null for every row
 */
public record DumpRequest(
        String format, boolean bom, @Nullable Long limit, SearchRequest search) {
    public static final List<String> FORMATS = List.of("csv", "tsv", "json", "xml");
    private static final Set<String> SEARCH_KEYS =
            Set.of("offset", "filters", "q", "distinct", "plain", "language", "fields", "sort");

    /** {@code params}: the query string as one object (repeated keys as lists), as every GET is read. */
    public static DumpRequest parse(String id, ObjectNode params, String defaultLanguage) {
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        String format = p.oneOf("format", FORMATS).orElse("csv");
        boolean bom = p.bool("bom", false);
        Long limit = p.natural("limit").orElse(null);
        problems.throwIfAny();
        ObjectNode search = JsonMappers.standard().createObjectNode();
        search.put("resource_id", id);
        params.properties().forEach(e -> {
            if (SEARCH_KEYS.contains(e.getKey())) {
                search.set(e.getKey(), e.getValue());
            }
        });
        search.put("include_total", false);
        SearchRequest req =
                SearchRequest.parse(search, new SearchRequest.Limits(0, Integer.MAX_VALUE, defaultLanguage));
        return new DumpRequest(format, bom, limit, req);
    }
}
