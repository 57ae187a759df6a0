package datastore.schemas.action;

import datastore.core.json.JsonMappers;
import datastore.schemas.validation.Params;
import datastore.schemas.validation.Problems;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A validated dump request: a format, a BOM flag, an optional row limit, and the search to run. */
public record DumpRequest(String format, boolean bom, OptionalLong limit, SearchRequest search) {
    private static final JsonMapper JSON = JsonMappers.standard();
    public static final List<String> FORMATS = List.of("csv", "tsv", "json", "xml");
    private static final Set<String> SEARCH_KEYS =
            Set.of("offset", "filters", "q", "distinct", "plain", "language", "fields", "sort");

    public static DumpRequest parse(String id, Map<String, List<String>> query, String defaultLanguage) {
        ObjectNode params = JSON.createObjectNode();
        query.forEach((k, values) -> {
            if (values.size() == 1) {
                params.put(k, values.get(0));
            } else {
                ArrayNode arr = params.putArray(k);
                values.forEach(arr::add);
            }
        });
        Problems problems = new Problems();
        Params p = new Params(params, problems);
        String format = p.oneOf("format", FORMATS).orElse("csv");
        boolean bom = p.bool("bom", false);
        OptionalLong limit = p.natural("limit").map(OptionalLong::of).orElse(OptionalLong.empty());
        problems.throwIfAny();
        ObjectNode search = JSON.createObjectNode();
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
