package datastore.api;

import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every route of every surface, in the order they match: what the server registers, what the OpenAPI
 * document lists, and what tests read. A route that is switched off is simply not in the table.
 */
public final class RouteTable {
    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Set<String> seen = new LinkedHashSet<>();
        for (Route r : routes) {
            if (!seen.add(r.method() + " " + r.path())) {
                throw new IllegalArgumentException("route listed twice: " + r.method() + " " + r.path());
            }
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /** The methods each path answers to, in table order; every other method gets 405 with these in Allow. */
    public Map<String, Set<HandlerType>> methodsByPath() {
        Map<String, Set<HandlerType>> out = new LinkedHashMap<>();
        for (Route r : routes) {
            out.computeIfAbsent(r.path(), p -> new LinkedHashSet<>()).add(r.method());
        }
        return out;
    }

    /** The route for {@code method} on {@code path}, if any (paths as written in the table). */
    public List<Route> find(HandlerType method, String path) {
        List<Route> out = new ArrayList<>();
        for (Route r : routes) {
            if (r.method().equals(method) && r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }
}
