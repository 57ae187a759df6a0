package datastore.api.ckan;

import datastore.core.errors.ApiException;
import datastore.core.errors.ErrorCode;
import datastore.core.json.JsonMappers;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** CKAN's response envelopes: {@code {help, success, result}} and {@code {help, success: false, error}}. */
public final class CkanEnvelopes {
    private CkanEnvelopes() {}

    public static String helpUrl(String site, String action) {
        return site + "/api/3/action/help_show?name=" + action;
    }

    public static ObjectNode success(String help, JsonNode result) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("help", help);
        o.put("success", true);
        o.set("result", result);
        return o;
    }

    /** The error envelope; validation errors are the field map itself plus {@code __type}. */
    public static ObjectNode error(String help, ApiException e) {
        ObjectNode o = JsonMappers.standard().createObjectNode();
        o.put("help", help);
        o.put("success", false);
        ObjectNode err = o.putObject("error");
        if (e.code() == ErrorCode.VALIDATION) {
            for (Map.Entry<String, List<String>> f : e.fieldErrors().entrySet()) {
                err.set(f.getKey(), JsonMappers.standard().valueToTree(f.getValue()));
            }
            if (e.fieldErrors().isEmpty()) {
                err.put("message", e.getMessage());
            }
        } else {
            err.put("message", e.getMessage());
        }
        for (Map.Entry<String, Object> x : e.extras().entrySet()) {
            err.set(x.getKey(), JsonMappers.standard().valueToTree(x.getValue()));
        }
        err.put("__type", e.code().ckanType());
        return o;
    }
}
