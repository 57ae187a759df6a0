package datastore.api.system;

import datastore.api.ckan.CkanResponses;
import datastore.core.json.JsonMappers;
import datastore.services.HealthService;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code /}, {@code /health}, {@code /ready} in the CKAN envelope, and {@code /metrics} for Prometheus. */
public final class HealthEndpoints {
    private final HealthService health;
    private final PrometheusMeterRegistry metrics;

    public HealthEndpoints(HealthService health, PrometheusMeterRegistry metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    public void root(Context ctx) {
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "status_show"), health.about());
    }

    public void health(Context ctx) {
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "status_show"), health.alive());
    }

    public void ready(Context ctx) {
        ObjectNode result = health.ready();
        if (!result.get("ready").asBoolean()) {
            ctx.status(503);
            ctx.contentType("application/json;charset=utf-8");
            ObjectNode body = JsonMappers.standard().createObjectNode();
            body.put("help", CkanResponses.help(ctx, "status_show"));
            body.put("success", false);
            ObjectNode error = body.putObject("error");
            List<String> problems = new ArrayList<>();
            for (String key : result.propertyNames()) {
                if (key.endsWith("_error")) {
                    problems.add(result.get(key).asString(""));
                }
            }
            error.put("message", "Service Unavailable: " + String.join("; ", problems));
            error.put("__type", "Service Unavailable");
            ctx.result(JsonMappers.standard().writeValueAsString(body));
            return;
        }
        CkanResponses.ok(ctx, CkanResponses.help(ctx, "status_show"), result);
    }

    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.scrape());
    }
}
