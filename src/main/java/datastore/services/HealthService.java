package datastore.services;

import datastore.core.errors.ApiException;
import datastore.core.json.JsonMappers;
import datastore.infrastructure.engines.StorageEngine;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the service says about itself: identity, liveness, and readiness (the engine really answers). */
public final class HealthService {
    private static final JsonMapper JSON = JsonMappers.standard();
    private final StorageEngine engine;
    private final String message;
    private final String version;
    private final List<ReadinessCheck> checks;

    public HealthService(StorageEngine engine, String message, String version) {
        this(engine, message, version, List.of());
    }

    public HealthService(StorageEngine engine, String message, String version, List<ReadinessCheck> checks) {
        this.engine = engine;
        this.message = message;
        this.version = version;
        this.checks = List.copyOf(checks);
    }

    public ObjectNode about() {
        ObjectNode o = JSON.createObjectNode();
        o.put("message", message);
        o.put("version", version);
        o.put("engine", engine.name());
        return o;
    }

    public ObjectNode alive() {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", "ok");
        return o;
    }

    public ObjectNode ready() {
        ObjectNode o = JSON.createObjectNode();
        o.put("engine", engine.name());
        try {
            engine.ping();
            o.put("ready", true);
        } catch (ApiException e) {
            o.put("ready", false);
            o.put("engine_error", e.getMessage());
        }
        for (ReadinessCheck check : checks) {
            try {
                check.probe().run();
                o.put(check.name(), "reachable");
            } catch (RuntimeException e) {
                o.put("ready", false);
                o.put(check.name(), "unreachable");
                o.put(check.name() + "_error", e.getMessage());
            }
        }
        return o;
    }
}
